package org.negotiatetcp.boot.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.mechanism.Mechanism;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.SecurityInfo;

/**
 * Applies {@code negotiate.tcp.server.windows-integrated-auth-package} before the application's authorizer:
 * {@code kerberos} refuses clients authenticated with NTLM, {@code ntlm} refuses Kerberos clients.
 *
 * @author Negotiate TCP
 */
final class PackagePolicySessionAuthorizer implements SessionAuthorizer {

	private final AuthPackage authPackage;

	private final SessionAuthorizer delegate;

	PackagePolicySessionAuthorizer(AuthPackage authPackage, SessionAuthorizer delegate) {
		this.authPackage = authPackage;
		this.delegate = delegate;
	}

	static SessionAuthorizer of(AuthPackage authPackage, SessionAuthorizer delegate) {
		return (authPackage == AuthPackage.SPNEGO) ? delegate : new PackagePolicySessionAuthorizer(authPackage, delegate);
	}

	@Override
	public Mono<?> authorize(SecurityInfo info, @Nullable String via) {
		Mechanism required = (this.authPackage == AuthPackage.KERBEROS) ? Mechanism.KERBEROS : Mechanism.NTLM;
		if (info.mechanism() != required) {
			return Mono.error(new NegotiateException(FailureReason.POLICY, "Client " + info.peerName()
					+ " authenticated with " + info.mechanism() + " but negotiate.tcp.server.windows-integrated-auth-package is "
					+ this.authPackage.name().toLowerCase(Locale.ROOT)));
		}
		return this.delegate.authorize(info, via);
	}

}
