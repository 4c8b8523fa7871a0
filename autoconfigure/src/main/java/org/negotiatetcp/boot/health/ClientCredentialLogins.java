package org.negotiatetcp.boot.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.mechanism.kerberos.KerberosEnvironment;

/**
 * Logs in the client credentials of an application with Kerberos and reports, for each, whether it can log in and how
 * long its ticket-granting ticket lives: what the startup login check ({@code negotiate.tcp.client.login-check}) and
 * the client health indicator report. Each credential logs in once and again when its ticket is about to expire, so
 * repeated checks do not load the KDC; with a {@link KdcProbe}, each check also probes the realm's KDCs (a TCP
 * connection), so that a KDC that went down is reported although the ticket-granting ticket is still valid (new
 * service tickets and the next login need it). Credentials that never use Kerberos (anonymous, or a client whose package is
 * NTLM) are not logged in. {@link #check()} blocks on the KDC.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class ClientCredentialLogins {

	private final Map<String, ClientCredential> credentials;

	private final Map<String, KerberosClientCredentials> logins = new LinkedHashMap<>();

	private final @Nullable KdcProbe kdcProbe;

	/**
	 * Create the logins, without probing the KDC of a reused login.
	 * @param credentials the client credentials that use Kerberos, by name (for example the name under
	 * {@code negotiate.tcp.credentials})
	 */
	public ClientCredentialLogins(Map<String, ClientCredential> credentials) {
		this(credentials, null);
	}

	/**
	 * Create the logins.
	 * @param credentials the client credentials that use Kerberos, by name (for example the name under
	 * {@code negotiate.tcp.credentials})
	 * @param kdcProbe probes the realm's KDCs at each check, or {@code null} not to
	 */
	public ClientCredentialLogins(Map<String, ClientCredential> credentials, @Nullable KdcProbe kdcProbe) {
		this.kdcProbe = kdcProbe;
		Map<String, ClientCredential> kerberos = new LinkedHashMap<>();
		credentials.forEach((name, credential) -> {
			if (!(credential instanceof ClientCredential.Anonymous)) {
				kerberos.put(name, credential);
				this.logins.put(name, new KerberosClientCredentials(credential));
			}
		});
		this.credentials = Collections.unmodifiableMap(kerberos);
	}

	/**
	 * Return the credentials this checks, by name.
	 * @return the credentials
	 */
	public Map<String, ClientCredential> credentials() {
		return this.credentials;
	}

	/**
	 * Log in every credential that is not logged in or whose ticket is about to expire, and report each.
	 * @return one result per credential, in order
	 */
	public List<Result> check() {
		List<Result> results = new ArrayList<>();
		this.logins.forEach((name, login) -> results.add(check(name, login)));
		return results;
	}

	private Result check(String name, KerberosClientCredentials login) {
		ClientCredential credential = Objects.requireNonNull(this.credentials.get(name));
		try {
			login.credential();
			int seconds = login.remainingLifetime();
			Duration remaining = Duration.ofSeconds(Math.max(seconds, 0));
			KdcProbe probe = this.kdcProbe;
			if (probe != null) {
				// a reused login says nothing about the KDC now (after a fresh one this costs one TCP connection)
				String principal = credential.principal();
				KdcProbe.Result kdc = probe.probe((principal != null) ? KerberosEnvironment.realmOf(principal) : null);
				if (!kdc.isReachable() && !kdc.kdcs().isEmpty()) {
					return new Result(name, credential, null, null, new MechanismException(FailureReason.CONNECTION,
							"Cannot reach a KDC of realm " + kdc.realm() + ": " + kdc.error() + ". The ticket-granting "
									+ "ticket stays valid for " + remaining + ", but new service tickets and the next "
									+ "login need a KDC"));
				}
			}
			return new Result(name, credential, remaining, Instant.now().plus(remaining), null);
		}
		catch (MechanismException ex) {
			return new Result(name, credential, null, null, ex);
		}
		catch (RuntimeException ex) {
			return new Result(name, credential, null, null, new MechanismException(FailureReason.INTERNAL,
					"Kerberos login of " + credential + " failed: " + ex, ex));
		}
	}

	/**
	 * What the login of one credential gave.
	 * @param name the credential's name
	 * @param credential the credential
	 * @param remaining the ticket-granting ticket's remaining lifetime, or {@code null} if the login failed
	 * @param expiresAt when the ticket-granting ticket expires, or {@code null} if the login failed
	 * @param failure why the login failed, or {@code null}
	 */
	public record Result(String name, ClientCredential credential, @Nullable Duration remaining,
			@Nullable Instant expiresAt, @Nullable MechanismException failure) {

		/**
		 * Whether the credential logged in.
		 * @return {@code true} if it did
		 */
		public boolean isLoggedIn() {
			return this.failure == null;
		}

	}

}
