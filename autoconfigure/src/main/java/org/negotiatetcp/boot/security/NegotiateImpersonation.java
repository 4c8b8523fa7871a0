package org.negotiatetcp.boot.security;

import java.util.function.Function;

import org.ietf.jgss.GSSCredential;

import org.springframework.security.core.Authentication;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * Runs work as the client of a session, the counterpart of {@code RpcImpersonateClient}: with Kerberos delegation the
 * work gets the client's delegated credential, for example to open an onward channel as the client. Without one it
 * fails with {@link NoContextAvailableException} ({@code RPC_S_NO_CONTEXT_AVAILABLE}) saying what the client must
 * allow.
 * <pre>{@code
 * NegotiateImpersonation.runAs(channel, (client) -> backendFactory
 * 	.withSettings(backendFactory.settings().withCredential(client.clientCredential()))
 * 	.open("net.tcp://backend.example.com/reports"));
 * }</pre>
 * To call a back end as clients that did not delegate (Kerberos constrained delegation, S4U2Self and S4U2Proxy, also
 * for NTLM clients through protocol transition), declare it as a named endpoint with
 * {@code negotiate.tcp.client.endpoints.<name>.delegation: constrained} and use
 * {@link org.negotiatetcp.boot.client.NegotiateEndpoint#openAs(SecurityInfo)}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateImpersonation {

	private NegotiateImpersonation() {
	}

	/**
	 * Run work as the client of a channel.
	 * @param <T> the result type (for example a {@code Mono})
	 * @param channel the server-side channel
	 * @param work the work
	 * @return what the work returned
	 * @throws NoContextAvailableException if the client cannot be impersonated
	 */
	public static <T> T runAs(NegotiateChannel channel, Function<DelegatedClient, T> work) {
		return runAs(channel.securityInfo(), work);
	}

	/**
	 * Run work as the client of a session, from its Spring Security {@link Authentication} (for example the one in the
	 * security context of a handler).
	 * @param <T> the result type
	 * @param authentication a {@link NegotiateAuthenticationToken} or {@link NegotiateAnonymousAuthenticationToken}
	 * @param work the work
	 * @return what the work returned
	 * @throws NoContextAvailableException if the client cannot be impersonated or the authentication does not come
	 * from a Negotiate TCP session
	 */
	public static <T> T runAs(Authentication authentication, Function<DelegatedClient, T> work) {
		if (authentication instanceof NegotiateAuthenticationToken token) {
			return runAs(token.getSecurityInfo(), work);
		}
		if (authentication instanceof NegotiateAnonymousAuthenticationToken token) {
			return runAs(token.getSecurityInfo(), work);
		}
		throw new NoContextAvailableException("the authentication " + authentication.getClass().getSimpleName()
				+ " of " + authentication.getName() + " does not come from a Negotiate TCP session");
	}

	/**
	 * Run work as the client described by a handshake result.
	 * @param <T> the result type
	 * @param info the server-side security information
	 * @param work the work
	 * @return what the work returned
	 * @throws NoContextAvailableException if the client cannot be impersonated
	 */
	public static <T> T runAs(SecurityInfo info, Function<DelegatedClient, T> work) {
		return work.apply(delegatedClient(info));
	}

	/**
	 * Return the client of a session as a {@link DelegatedClient}.
	 * @param info the server-side security information
	 * @return the client with its delegated credential
	 * @throws NoContextAvailableException if the client cannot be impersonated
	 */
	public static DelegatedClient delegatedClient(SecurityInfo info) {
		if (info.anonymous() || info.impersonationLevel() == ImpersonationLevel.ANONYMOUS) {
			throw new NoContextAvailableException("the client is anonymous, so there is no security context to act "
					+ "with; authenticate the client (refuse anonymous clients for this via)");
		}
		if (info.mechanism() == Mechanism.KERBEROS && !(info.delegatedCredential() instanceof GSSCredential)) {
			// JGSS hides the identify flag: identification and impersonation look alike, only delegation shows
			throw new NoContextAvailableException("client " + info.peerName() + " authenticated with KERBEROS"
					+ " without delegating a credential; acting as the client needs Kerberos delegation: the client "
					+ "sets allowed-impersonation-level to delegation and needs a forwardable ticket (forwardable = true "
					+ "in krb5.conf; in Active Directory the service account must be trusted for delegation)");
		}
		if (info.impersonationLevel() == ImpersonationLevel.IDENTIFICATION) {
			throw new NoContextAvailableException("client " + info.peerName() + " allowed identification only: the "
					+ "server may learn who it is but not act as it; the client must set allowed-impersonation-level "
					+ "to delegation");
		}
		if (!(info.delegatedCredential() instanceof GSSCredential credential)) {
			throw new NoContextAvailableException("client " + info.peerName() + " authenticated with "
					+ info.mechanism() + " at impersonation level " + info.impersonationLevel()
					+ " without delegating a credential; acting as the client needs Kerberos delegation: the client "
					+ "sets allowed-impersonation-level to delegation and needs a forwardable ticket (forwardable = true "
					+ "in krb5.conf; in Active Directory the service account must be trusted for delegation)");
		}
		return new DelegatedClient(info.peerName(), credential);
	}

}
