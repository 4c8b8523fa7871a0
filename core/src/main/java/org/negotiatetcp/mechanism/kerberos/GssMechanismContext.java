package org.negotiatetcp.mechanism.kerberos;

import javax.security.auth.Subject;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * A {@link MechanismContext} over a JDK JGSS {@link GSSContext} for Kerberos V5 (raw RFC 4121 tokens).
 */
public final class GssMechanismContext implements MechanismContext {

	private static final byte[] EMPTY = new byte[0];

	private final GSSContext context;

	private final boolean initiator;

	private final boolean confidentialityRequired;

	private final ImpersonationLevel allowedImpersonation;

	private @Nullable NegotiatedContext negotiated;

	private final String description;

	private @Nullable Subject subject;

	private @Nullable TargetName target;

	private @Nullable String held;

	private GssMechanismContext(GSSContext context, boolean initiator, boolean confidentialityRequired,
			ImpersonationLevel allowedImpersonation, String description) {
		this.context = context;
		this.description = description;
		this.initiator = initiator;
		this.confidentialityRequired = confidentialityRequired;
		this.allowedImpersonation = allowedImpersonation;
	}

	/**
	 * Create a Kerberos initiator.
	 * @param credential the client's initiator credential
	 * @param target the server's name, used verbatim
	 * @param mutual whether to require the server to authenticate (AP-REP)
	 * @param protection the protection level to request
	 * @param impersonation the impersonation level the client allows; {@link ImpersonationLevel#DELEGATION} forwards
	 * the client's ticket-granting ticket
	 * @return the context
	 * @throws MechanismException if the target name is malformed
	 */
	public static GssMechanismContext initiator(GSSCredential credential, TargetName target, boolean mutual,
			ProtectionLevel protection, ImpersonationLevel impersonation) {
		try {
			GSSManager manager = GSSManager.getInstance();
			GSSContext context = manager.createContext(KerberosNames.targetName(manager, target),
					Mechanism.KERBEROS.gssOid(), credential, GSSContext.DEFAULT_LIFETIME);
			context.requestMutualAuth(mutual);
			context.requestInteg(protection.isAtLeast(ProtectionLevel.SIGN));
			context.requestConf(protection == ProtectionLevel.ENCRYPT_AND_SIGN);
			context.requestReplayDet(true);
			context.requestSequenceDet(true);
			context.requestCredDeleg(impersonation == ImpersonationLevel.DELEGATION);
			GssMechanismContext initiator = new GssMechanismContext(context, true, false, impersonation,
					"Kerberos initiator for target '" + target + "'");
			initiator.target = target;
			return initiator;
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.WRONG_TARGET,
					"Cannot create a Kerberos context for target '" + target + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Create a Kerberos initiator whose steps run as the JAAS subject of the client's login, so that the JDK caches
	 * service tickets in it: later channels to the same service skip the TGS exchange with the KDC, as Windows does.
	 * @param credentials the client's logged-in credentials
	 * @param target the server's name, used verbatim
	 * @param mutual whether to require the server to authenticate (AP-REP)
	 * @param protection the protection level to request
	 * @param impersonation the impersonation level the client allows
	 * @return the context
	 */
	public static GssMechanismContext initiator(KerberosClientCredentials credentials, TargetName target, boolean mutual,
			ProtectionLevel protection, ImpersonationLevel impersonation) {
		GSSCredential credential = credentials.credential();
		GssMechanismContext context = initiator(credential, target, mutual, protection, impersonation);
		context.subject = credentials.subject();
		return context;
	}

	/**
	 * Create a Kerberos acceptor.
	 * @param credential the service's acceptor credential
	 * @param confidentialityRequired whether data frames must be encrypted (a signed-only frame is then refused)
	 * @return the context
	 */
	public static GssMechanismContext acceptor(GSSCredential credential, boolean confidentialityRequired) {
		try {
			GSSContext context = GSSManager.getInstance().createContext(credential);
			GssMechanismContext acceptor = new GssMechanismContext(context, false, confidentialityRequired,
					ImpersonationLevel.IMPERSONATION, "Kerberos acceptor");
			acceptor.held = heldName(credential);
			return acceptor;
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS,
					"Cannot create a Kerberos acceptor: " + ex.getMessage(), ex);
		}
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		if (this.context.isEstablished()) {
			throw new MechanismException(FailureReason.PROTOCOL, "Kerberos context is already established");
		}
		byte[] input = (inputToken != null) ? inputToken : EMPTY;
		try {
			Subject as = this.subject;
			byte[] out;
			if (!this.initiator) {
				out = this.context.acceptSecContext(input, 0, input.length);
				if (this.context.isEstablished()) {
					// read and check the PAC now, so that a bad one refuses the handshake
					negotiated();
				}
			}
			else if (as != null) {
				out = Subjects.callAs(as, () -> this.context.initSecContext(input, 0, input.length));
			}
			else {
				out = this.context.initSecContext(input, 0, input.length);
			}
			return (out != null) ? out : EMPTY;
		}
		catch (GSSException ex) {
			TargetName name = this.target;
			if (name != null) {
				throw GssErrors.translateInitiator(ex, this.description, name);
			}
			throw acceptorFailure(ex, input);
		}
	}

	/**
	 * A ticket this acceptor cannot use: say which service principal it is for, and which this server holds.
	 */
	private MechanismException acceptorFailure(GSSException ex, byte[] input) {
		MechanismException failure = GssErrors.translate(ex, this.description);
		if (failure.reason() != FailureReason.WRONG_TARGET) {
			return failure;
		}
		String ticketFor = TicketNames.serverName(input);
		if (ticketFor == null) {
			return failure;
		}
		return new MechanismException(FailureReason.WRONG_TARGET, failure.getMessage() + "; the client's ticket is for "
				+ ticketFor + ((this.held != null) ? ", this server holds the key of " + this.held : "")
				+ ": add " + ticketFor + " to the server's keytab, or have the client use an SPN the server holds", ex);
	}

	private static @Nullable String heldName(GSSCredential credential) {
		try {
			return (credential.getName() != null) ? KerberosFailures.withRealm(credential.getName().toString()) : null;
		}
		catch (GSSException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public boolean isEstablished() {
		return this.context.isEstablished();
	}

	@Override
	public boolean isInitiator() {
		return this.initiator;
	}

	@Override
	public NegotiatedContext negotiated() {
		if (!this.context.isEstablished()) {
			throw new IllegalStateException("Kerberos context is not established");
		}
		NegotiatedContext result = this.negotiated;
		if (result == null) {
			result = describe();
			this.negotiated = result;
		}
		return result;
	}

	private NegotiatedContext describe() {
		try {
			String peer = String.valueOf(this.initiator ? this.context.getTargName() : this.context.getSrcName());
			Object delegated = null;
			ImpersonationLevel level;
			if (this.initiator) {
				level = (this.allowedImpersonation == ImpersonationLevel.DELEGATION && this.context.getCredDelegState())
						? ImpersonationLevel.DELEGATION
						: (this.allowedImpersonation == ImpersonationLevel.DELEGATION) ? ImpersonationLevel.IMPERSONATION
								: this.allowedImpersonation;
			}
			else if (this.context.getCredDelegState()) {
				level = ImpersonationLevel.DELEGATION;
				delegated = this.context.getDelegCred();
			}
			else {
				// JGSS does not expose GSS_C_IDENTIFY_FLAG, so whether the client allowed more than identification is
				// unknown: report the level that is certain (the strict reading; WCF clients allow identification by
				// default). Delegation is visible and reported above.
				level = ImpersonationLevel.IDENTIFICATION;
			}
			AuthorizationContext authorization = this.initiator ? AuthorizationContext.none()
					: TicketAuthorization.of(this.context, peer);
			return new NegotiatedContext(Mechanism.KERBEROS, peer, this.context.getMutualAuthState(),
					this.context.getConfState(), this.context.getIntegState(), this.context.getAnonymityState(), level,
					delegated, authorization);
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos context");
		}
	}

	@Override
	public byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		try {
			return this.context.wrap(data, offset, length, new MessageProp(0, confidential));
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos wrap");
		}
	}

	@Override
	public byte[] unwrap(byte[] token, int offset, int length) {
		MessageProp prop = new MessageProp(0, false);
		byte[] plain;
		try {
			plain = this.context.unwrap(token, offset, length, prop);
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos unwrap");
		}
		if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
			throw new MechanismException(FailureReason.REPLAY, "Kerberos data frame is "
					+ (prop.isDuplicateToken() ? "a replay" : "out of sequence") + "; the connection is closed");
		}
		if (this.confidentialityRequired && !prop.getPrivacy()) {
			throw new MechanismException(FailureReason.POLICY,
					"Kerberos data frame was signed but not encrypted while encryption is required");
		}
		return plain;
	}

	@Override
	public byte[] getMic(byte[] data) {
		try {
			return this.context.getMIC(data, 0, data.length, new MessageProp(0, false));
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos getMIC");
		}
	}

	@Override
	public void verifyMic(byte[] data, byte[] mic) {
		try {
			this.context.verifyMIC(mic, 0, mic.length, data, 0, data.length, new MessageProp(0, false));
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos verifyMIC");
		}
	}

	/**
	 * Return the underlying JGSS context (for example to hand it to Spring Security Kerberos types).
	 * @return the context
	 */
	public GSSContext gssContext() {
		return this.context;
	}

	@Override
	public void close() {
		try {
			this.context.dispose();
		}
		catch (GSSException ex) {
			// nothing left to release
		}
	}

	@Override
	public String toString() {
		return "GssMechanismContext[" + (this.initiator ? "initiator" : "acceptor") + ", established="
				+ this.context.isEstablished() + "]";
	}

}
