package org.negotiatetcp.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import org.negotiatetcp.mechanism.ClientCredential;

/**
 * Health of the client credentials: Up when each logs in with Kerberos, with its principal, the remaining lifetime of
 * its ticket-granting ticket ({@code ticketLifetimeRemaining}) and when the ticket expires ({@code ticketExpiresAt});
 * Down with a {@code reason} (the login's error: the KDC unreachable, a wrong password, no ticket in the cache) when
 * one cannot. Logins are reused until their ticket is about to expire.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateClientHealthIndicator extends AbstractHealthIndicator {

	private final ClientCredentialLogins logins;

	/**
	 * Create an indicator.
	 * @param logins the client credentials' logins
	 */
	public NegotiateClientHealthIndicator(ClientCredentialLogins logins) {
		super("Negotiate TCP client health check failed");
		this.logins = Objects.requireNonNull(logins, "logins");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		boolean down = false;
		for (ClientCredentialLogins.Result result : this.logins.check()) {
			Map<String, Object> details = new LinkedHashMap<>();
			String principal = result.credential().principal();
			details.put("principal", (principal != null) ? principal : "the ticket cache's");
			details.put("type", type(result.credential()));
			if (result.isLoggedIn()) {
				details.put("ticketLifetimeRemaining", String.valueOf(result.remaining()));
				details.put("ticketExpiresAt", String.valueOf(result.expiresAt()));
			}
			else {
				String reason = "The client credential '" + result.name() + "' cannot log in: "
						+ Objects.requireNonNull(result.failure()).getMessage();
				details.put("reason", reason);
				if (!down) {
					builder.down().withDetail("reason", reason);
					down = true;
				}
			}
			builder.withDetail(result.name(), details);
		}
	}

	private static String type(ClientCredential credential) {
		if (credential instanceof ClientCredential.Keytab) {
			return "keytab";
		}
		if (credential instanceof ClientCredential.Password) {
			return "password";
		}
		if (credential instanceof ClientCredential.TicketCache) {
			return "ticket-cache";
		}
		return "delegated";
	}

}
