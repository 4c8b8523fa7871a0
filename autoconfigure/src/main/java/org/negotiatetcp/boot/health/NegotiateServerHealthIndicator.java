package org.negotiatetcp.boot.health;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;

/**
 * Health of a Negotiate TCP server: Up when the listener is bound, the service credential still loads from its keytab
 * with keys for the configured principal, and (if a {@link KdcProbe} is given) a KDC of the service's realm accepts a
 * connection. Down with a {@code reason} that says what to fix otherwise. Details: {@code listener} (the bound
 * address), {@code sessions}, {@code pendingHandshakes}, {@code credential} (principal, keytab, key count; keytab keys
 * do not expire), {@code kdc}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateServerHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<@Nullable DisposableNegotiateServer> listener;

	private final ServerSettings settings;

	private final @Nullable KdcProbe kdcProbe;

	/**
	 * Create an indicator.
	 * @param listener the running listener, or {@code null} while it is not bound
	 * @param settings the server's settings (where its service credential comes from)
	 * @param kdcProbe the KDC probe, or {@code null} not to check the KDC
	 */
	public NegotiateServerHealthIndicator(Supplier<@Nullable DisposableNegotiateServer> listener,
			ServerSettings settings, @Nullable KdcProbe kdcProbe) {
		super("Negotiate TCP health check failed");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.kdcProbe = kdcProbe;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		DisposableNegotiateServer running = this.listener.get();
		if (running == null || running.isDisposed()) {
			builder.down()
				.withDetail("listener", "not bound")
				.withDetail("reason", "The Negotiate TCP server is not listening: it has not started yet or has "
						+ "stopped; check the application log for a bind failure (port in use, address not local)");
			return;
		}
		InetSocketAddress address = running.address();
		builder.withDetail("listener", address.getHostString() + ":" + address.getPort())
			.withDetail("mode", this.settings.mode())
			.withDetail("sessions", running.activeSessions())
			.withDetail("pendingHandshakes", running.pendingHandshakes());
		if (this.settings.acceptor().ntlmAccounts() != null) {
			builder.withDetail("ntlm", "account store configured");
		}
		KerberosServiceCredentials kerberos = this.settings.acceptor().kerberos();
		if (kerberos == null) {
			return;
		}
		ServiceCredential credential = kerberos.serviceCredential();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("principal", (credential.principal() != null) ? credential.principal() : "any in the keytab");
		details.put("keytab", credential.keytab().toString());
		details.put("expires", "never (keytab keys do not expire; they stop working when the account's key changes)");
		builder.withDetail("credential", details);
		try {
			KerberosServiceCredentials reloaded = KerberosServiceCredentials.load(credential);
			details.put("keys", keyCount(reloaded.serviceCredential()));
		}
		catch (NegotiateException ex) {
			builder.down().withDetail("reason", "The service credential does not load any more: " + ex.getMessage());
			return;
		}
		KdcProbe probe = this.kdcProbe;
		if (probe != null) {
			KdcProbe.Result result = probe.probe(realmOf(credential.principal()));
			Map<String, Object> kdc = new LinkedHashMap<>();
			kdc.put("realm", String.valueOf(result.realm()));
			kdc.put("krb5Conf", result.krb5Conf().toString());
			if (result.isReachable()) {
				kdc.put("reachable", result.reachable());
				builder.withDetail("kdc", kdc);
			}
			else {
				kdc.put("reachable", false);
				builder.withDetail("kdc", kdc)
					.down()
					.withDetail("reason", "The KDC does not answer: " + result.error()
							+ " (clients cannot get tickets for this service)");
			}
		}
	}

	private static int keyCount(ServiceCredential credential) {
		File file = credential.keytab().toFile();
		if (credential.principal() == null) {
			return -1;
		}
		KerberosPrincipal principal = new KerberosPrincipal(credential.principal());
		return KeyTab.getInstance(principal, file).getKeys(principal).length;
	}

	private static @Nullable String realmOf(@Nullable String principal) {
		if (principal == null) {
			return null;
		}
		int at = principal.lastIndexOf('@');
		return (at >= 0) ? principal.substring(at + 1) : null;
	}

}
