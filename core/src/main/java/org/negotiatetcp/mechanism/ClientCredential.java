package org.negotiatetcp.mechanism;

import java.nio.file.Path;
import java.util.Objects;

import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.jspecify.annotations.Nullable;

/**
 * The credential a client authenticates with ({@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING.clientCredential}:
 * required on the client, never on the server). Create one with a factory method, for example
 * {@link #ticketCache()} for the current logon or {@link #keytab(Path, String)} for a service account.
 */
public sealed interface ClientCredential permits ClientCredential.Keytab, ClientCredential.Password,
		ClientCredential.TicketCache, ClientCredential.Anonymous, ClientCredential.Delegated,
		ClientCredential.Impersonated {

	/**
	 * A principal whose keys are in a keytab file. Kerberos only.
	 * @param principal the principal, {@code user@REALM} or {@code service/host@REALM}
	 * @param keytab the keytab file
	 */
	record Keytab(String principal, Path keytab) implements ClientCredential {
		public Keytab {
			Objects.requireNonNull(principal, "principal");
			Objects.requireNonNull(keytab, "keytab");
		}

		@Override
		public String toString() {
			return "Keytab[" + this.principal + ", " + this.keytab + "]";
		}
	}

	/**
	 * A user name and password. Kerberos obtains a ticket with it; NTLM derives its keys from it.
	 * @param principal {@code user@REALM}, {@code DOMAIN\\user} or {@code user}
	 * @param password the password; never logged
	 */
	record Password(String principal, char[] password) implements ClientCredential {
		public Password {
			Objects.requireNonNull(principal, "principal");
			Objects.requireNonNull(password, "password");
		}

		@Override
		public String toString() {
			return "Password[" + this.principal + ", ******]";
		}
	}

	/**
	 * The current logon: the Kerberos ticket cache of the process ({@code kinit}).
	 * @param principal the expected principal, or {@code null} for whatever the cache holds
	 * @param cache the cache file, or {@code null} for the default ({@code KRB5CCNAME} or {@code /tmp/krb5cc_<uid>})
	 */
	record TicketCache(@Nullable String principal, @Nullable Path cache) implements ClientCredential {
	}

	/**
	 * No credential: an anonymous NTLM client (servers refuse it unless they allow anonymous clients).
	 */
	record Anonymous() implements ClientCredential {
	}

	/**
	 * A Kerberos credential another party delegated to this process: on a server, the client's forwarded
	 * ticket-granting ticket ({@code SecurityInfo.delegatedCredential()}), used to open an onward channel as the
	 * client. Kerberos only; no login happens.
	 * @param credential the delegated initiator credential
	 */
	record Delegated(GSSCredential credential) implements ClientCredential {
		public Delegated {
			Objects.requireNonNull(credential, "credential");
		}

		@Override
		public String toString() {
			try {
				return "Delegated[" + this.credential.getName() + "]";
			}
			catch (GSSException ex) {
				return "Delegated[?]";
			}
		}
	}

	/**
	 * A service acting as a user through Kerberos constrained delegation ([MS-SFU]): with its own credential the
	 * service asks the KDC for a ticket to itself in the user's name (S4U2Self, protocol transition: the user need not
	 * have authenticated with Kerberos, or delegated anything), then for a ticket in the user's name to the target
	 * (S4U2Proxy). The KDC allows it only for targets in the service account's {@code msDS-AllowedToDelegateTo}, and
	 * only if the account is trusted to authenticate for delegation ({@code TRUSTED_TO_AUTH_FOR_DELEGATION}, which
	 * makes the S4U2Self ticket forwardable). A refusal fails the handshake with a
	 * {@link ConstrainedDelegationException}. Kerberos only (or SPNEGO offering Kerberos).
	 * @param service the service's own credential (a keytab or password of its account)
	 * @param user the user to act as: {@code user@REALM}, {@code user} or {@code DOMAIN\\user} (the last two in the
	 * realm of the service's principal)
	 */
	record Impersonated(ClientCredential service, String user) implements ClientCredential {
		public Impersonated {
			Objects.requireNonNull(service, "service");
			Objects.requireNonNull(user, "user");
			if (service instanceof Impersonated || service instanceof Anonymous) {
				throw new IllegalArgumentException("A service impersonates with its own Kerberos credential, not "
						+ service);
			}
			if (user.isBlank()) {
				throw new IllegalArgumentException("The user to impersonate must not be blank");
			}
		}

		@Override
		public String toString() {
			return "Impersonated[" + this.user + " by " + this.service + "]";
		}
	}

	/**
	 * A service acting as a user through Kerberos constrained delegation (S4U2Self and S4U2Proxy), see
	 * {@link Impersonated}.
	 * @param service the service's own credential
	 * @param user the user to act as
	 * @return the credential
	 */
	static Impersonated impersonated(ClientCredential service, String user) {
		return new Impersonated(service, user);
	}

	/**
	 * The current logon: whatever the default Kerberos ticket cache of the process holds ({@code kinit}).
	 * @return the credential
	 */
	static TicketCache ticketCache() {
		return new TicketCache(null, null);
	}

	/**
	 * The Kerberos tickets in a given cache file.
	 * @param cache the cache file
	 * @return the credential
	 */
	static TicketCache ticketCache(Path cache) {
		Objects.requireNonNull(cache, "cache");
		return new TicketCache(null, cache);
	}

	/**
	 * A principal whose keys are in a keytab file. Kerberos only.
	 * @param keytab the keytab file
	 * @param principal the principal, {@code user@REALM} or {@code service/host@REALM}
	 * @return the credential
	 */
	static Keytab keytab(Path keytab, String principal) {
		return new Keytab(principal, keytab);
	}

	/**
	 * A user name and password: Kerberos obtains a ticket with it, NTLM derives its keys from it.
	 * @param principal {@code user@REALM}, {@code DOMAIN\\user} or {@code user}
	 * @param password the password; never logged
	 * @return the credential
	 */
	static Password password(String principal, char[] password) {
		return new Password(principal, password);
	}

	/**
	 * No credential: an anonymous NTLM client (servers refuse it unless they allow anonymous clients).
	 * @return the credential
	 */
	static Anonymous anonymous() {
		return new Anonymous();
	}

	/**
	 * A Kerberos credential another party delegated to this process, for example
	 * {@code SecurityInfo.delegatedCredential()} on a server, to open an onward channel as the client.
	 * @param credential the delegated initiator credential
	 * @return the credential
	 */
	static Delegated delegated(GSSCredential credential) {
		return new Delegated(credential);
	}

	/**
	 * Return the principal name this credential authenticates as, if known.
	 * @return the principal or {@code null}
	 */
	default @Nullable String principal() {
		if (this instanceof Keytab k) {
			return k.principal();
		}
		if (this instanceof Password p) {
			return p.principal();
		}
		if (this instanceof TicketCache t) {
			return t.principal();
		}
		return null;
	}

}
