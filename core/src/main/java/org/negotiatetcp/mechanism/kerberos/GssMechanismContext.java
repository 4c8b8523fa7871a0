package org.negotiatetcp.mechanism.kerberos;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.EncryptionKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.kerberos.KeyTab;

import com.sun.security.jgss.ExtendedGSSContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import com.sun.security.jgss.InquireType;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.DelegationPolicy;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.mechanism.kerberos.crypto.PerMessageTokenException;
import org.negotiatetcp.mechanism.kerberos.crypto.PerMessageTokens;
import org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader;
import org.negotiatetcp.mechanism.kerberos.replay.InMemoryReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayTag;
import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * A {@link MechanismContext} over a JDK JGSS {@link GSSContext} for Kerberos V5 (raw RFC 4121 tokens).
 * <p>
 * JGSS establishes the context. Data is then protected by this project's own RFC 4121 implementation
 * ({@link PerMessageTokens}) when the context key is AES (RFC 3962 or RFC 8009): its keys are derived once per context
 * instead of once per message. JGSS protects the first token of each direction, which tells the sequence number and
 * the acceptor-subkey state the peer expects (JGSS does not expose them otherwise), and every token of other
 * encryption types (RC4-HMAC, DES3). The system property {@value #PROTECTION_PROPERTY}{@code =jgss} keeps JGSS for
 * all tokens, for comparison.
 * <p>
 * Our tokens enforce sequence numbers on every data message, whatever the initiator requested: a replayed or
 * reordered token fails with {@link FailureReason#REPLAY}. JGSS reports replays and gaps only when the initiator
 * requested replay or sequence detection (this project's initiator always does), so the JGSS path (RC4-HMAC, DES3,
 * or forced) refuses them only then. Either way the EC filler of an encrypted Wrap token (RFC 4121 section 4.2.4,
 * sent by Windows) is not delivered as data.
 * <p>
 * Once this project protects both directions, the JGSS context has nothing left to do: it is disposed and let go,
 * so that an idle channel keeps only the derived keys (the JDK's context holds the ticket, the keys and its own
 * cipher state). {@link #gssContext()} is available until then.
 * <p>
 * The acceptor refuses an AP-REQ whose authenticator its {@link ReplayCache} has seen ({@link FailureReason#REPLAY}),
 * which, unlike the JDK's own per-process replay cache, can be shared by the instances of a service
 * ({@link KerberosServiceCredentials#withReplayCache}). The initiator sends {@code GSS_C_IDENTIFY_FLAG} when it allows
 * identification only, as Windows SSPI does (JGSS cannot: the flag is set in the authenticator after JGSS made it).
 */
public final class GssMechanismContext implements MechanismContext {

	/**
	 * The system property choosing who protects data after establishment: {@code own} (the default) or {@code jgss}.
	 */
	public static final String PROTECTION_PROPERTY = "negotiatetcp.kerberos.message-protection";

	private static final byte[] EMPTY = new byte[0];

	private static final Logger logger = LoggerFactory.getLogger(GssMechanismContext.class);

	private @Nullable GSSContext context;

	private boolean established;

	private final boolean initiator;

	private final boolean confidentialityRequired;

	private final ImpersonationLevel allowedImpersonation;

	private @Nullable NegotiatedContext negotiated;

	private @Nullable Subject subject;

	private @Nullable TargetName target;

	private @Nullable String impersonatedBy;

	private @Nullable String impersonatedUser;

	private @Nullable String held;

	private @Nullable File keytab;

	private boolean pacRequired;

	private byte @Nullable [] apReq;

	private @Nullable ReplayCache replayCache;

	private @Nullable ReplayTag replayTag;

	private boolean firstStep = true;

	private @Nullable PerMessageTokens own;

	private boolean ownDecided;

	private GssMechanismContext(GSSContext context, boolean initiator, boolean confidentialityRequired,
			ImpersonationLevel allowedImpersonation) {
		this.context = context;
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
		return initiator(credential, target, mutual, protection, impersonation, DelegationPolicy.OK_AS_DELEGATE);
	}

	/**
	 * Create a Kerberos initiator.
	 * @param credential the client's initiator credential
	 * @param target the server's name, used verbatim
	 * @param mutual whether to require the server to authenticate (AP-REP)
	 * @param protection the protection level to request
	 * @param impersonation the impersonation level the client allows; {@code DELEGATION} forwards the client's TGT
	 * @param delegationPolicy with delegation allowed, whether to delegate only to services marked ok-as-delegate
	 * @return the context
	 * @throws MechanismException if the target name is malformed
	 */
	public static GssMechanismContext initiator(GSSCredential credential, TargetName target, boolean mutual,
			ProtectionLevel protection, ImpersonationLevel impersonation, DelegationPolicy delegationPolicy) {
		try {
			GSSManager manager = GssManagers.shared();
			GSSContext context = manager.createContext(KerberosNames.targetName(manager, target),
					Mechanism.KERBEROS.gssOid(), credential, GSSContext.DEFAULT_LIFETIME);
			context.requestMutualAuth(mutual);
			context.requestInteg(protection.isAtLeast(ProtectionLevel.SIGN));
			context.requestConf(protection == ProtectionLevel.ENCRYPT_AND_SIGN);
			context.requestReplayDet(true);
			context.requestSequenceDet(true);
			boolean delegate = impersonation == ImpersonationLevel.DELEGATION;
			if (delegate && delegationPolicy == DelegationPolicy.OK_AS_DELEGATE) {
				// Windows clients delegate only to services the KDC marks ok-as-delegate (trusted for delegation);
				// MIT's GSS_C_DELEG_POLICY_FLAG is the same, and the JDK implements it as requestDelegPolicy
				((ExtendedGSSContext) context).requestDelegPolicy(true);
			}
			else {
				context.requestCredDeleg(delegate);
			}
			GssMechanismContext initiator = new GssMechanismContext(context, true, false, impersonation);
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
		return initiator(credentials, target, mutual, protection, impersonation, DelegationPolicy.OK_AS_DELEGATE);
	}

	/**
	 * Create a Kerberos initiator whose steps run as the JAAS subject of the client's login (see
	 * {@link #initiator(KerberosClientCredentials, TargetName, boolean, ProtectionLevel, ImpersonationLevel)}).
	 * @param credentials the client's logged-in credentials
	 * @param target the server's name, used verbatim
	 * @param mutual whether to require the server to authenticate (AP-REP)
	 * @param protection the protection level to request
	 * @param impersonation the impersonation level the client allows
	 * @param delegationPolicy with delegation allowed, whether to delegate only to services marked ok-as-delegate
	 * @return the context
	 */
	public static GssMechanismContext initiator(KerberosClientCredentials credentials, TargetName target, boolean mutual,
			ProtectionLevel protection, ImpersonationLevel impersonation, DelegationPolicy delegationPolicy) {
		GSSCredential credential = credentials.credential();
		GssMechanismContext context = initiator(credential, target, mutual, protection, impersonation,
				delegationPolicy);
		context.subject = credentials.subject();
		String service = credentials.impersonatingService();
		if (service != null) {
			// S4U2Proxy happens in the first step: name the service and the user if the KDC refuses it
			context.impersonatedBy = service;
			context.impersonatedUser = heldName(credential);
		}
		return context;
	}

	/**
	 * Create a Kerberos acceptor that also verifies the server signature of a PAC in the client's ticket with the
	 * service keys of its keytab.
	 * @param credentials the server's service credentials (acceptor credential and keytab)
	 * @param confidentialityRequired whether every data frame must be encrypted
	 * @return the context
	 */
	public static GssMechanismContext acceptor(KerberosServiceCredentials credentials, boolean confidentialityRequired) {
		GssMechanismContext acceptor = acceptor(credentials.credential(), confidentialityRequired);
		acceptor.keytab = credentials.serviceCredential().keytab().toFile();
		acceptor.pacRequired = credentials.pacRequired();
		acceptor.replayCache = credentials.replayCache();
		return acceptor;
	}

	/**
	 * Create a Kerberos acceptor without access to the service keys: a PAC in the client's ticket is read but its
	 * server signature is not verified ({@code signatureVerified() == false}). AP-REQs are recorded in the process's
	 * {@link InMemoryReplayCache#shared() shared replay cache}.
	 * @param credential the server's acceptor credential
	 * @param confidentialityRequired whether every data frame must be encrypted
	 * @return the context
	 */
	public static GssMechanismContext acceptor(GSSCredential credential, boolean confidentialityRequired) {
		try {
			GSSContext context = GssManagers.shared().createContext(credential);
			GssMechanismContext acceptor = new GssMechanismContext(context, false, confidentialityRequired,
					ImpersonationLevel.IMPERSONATION);
			acceptor.held = heldName(credential);
			acceptor.replayCache = InMemoryReplayCache.shared();
			return acceptor;
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS,
					"Cannot create a Kerberos acceptor: " + ex.getMessage(), ex);
		}
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		GSSContext context = jgss();
		if (context.isEstablished()) {
			throw new MechanismException(FailureReason.PROTOCOL, "Kerberos context is already established");
		}
		byte[] input = (inputToken != null) ? inputToken : EMPTY;
		try {
			Subject as = this.subject;
			byte[] out;
			boolean first = this.firstStep;
			this.firstStep = false;
			if (!this.initiator) {
				if (first) {
					this.apReq = input.clone();
					refuseRecordedAuthenticator(input);
				}
				out = context.acceptSecContext(input, 0, input.length);
				if (context.isEstablished()) {
					recordAuthenticator();
					// read and check the PAC now, so that a bad one refuses the handshake
					negotiated();
				}
			}
			else if (first && this.allowedImpersonation == ImpersonationLevel.IDENTIFICATION) {
				// the service ticket JGSS gets lands in the subject the step runs as, where its session key is read
				Subject holder = (as != null) ? as : new Subject();
				out = Subjects.callAs(holder, () -> context.initSecContext(input, 0, input.length));
				out = (out != null) ? withIdentifyFlag(out, holder) : null;
			}
			else if (as != null) {
				out = Subjects.callAs(as, () -> context.initSecContext(input, 0, input.length));
			}
			else {
				out = context.initSecContext(input, 0, input.length);
			}
			if (context.isEstablished()) {
				releaseHandshakeState();
			}
			return (out != null) ? out : EMPTY;
		}
		catch (GSSException ex) {
			TargetName name = this.target;
			if (name != null && this.impersonatedBy != null && this.impersonatedUser != null) {
				throw GssErrors.translateImpersonating(ex, description(), name, this.impersonatedBy,
						this.impersonatedUser);
			}
			if (name != null) {
				throw GssErrors.translateInitiator(ex, description(), name);
			}
			throw acceptorFailure(ex, input);
		}
	}

	/**
	 * Before JGSS decrypts the AP-REQ: refuse it if its authenticator is in the replay cache, whichever instance
	 * recorded it. A token that is not an AP-REQ (or malformed) gets no tag here and is left to JGSS to refuse.
	 */
	private void refuseRecordedAuthenticator(byte[] input) {
		ReplayCache cache = this.replayCache;
		ApReq parsed = (cache != null) ? ApReq.parse(input) : null;
		if (cache == null || parsed == null) {
			return;
		}
		ReplayTag tag = ReplayTag.of(parsed.authenticator().cipher(input));
		this.replayTag = tag;
		boolean recorded;
		try {
			recorded = cache.contains(tag);
		}
		catch (RuntimeException ex) {
			throw cacheUnavailable(cache, ex);
		}
		if (recorded) {
			throw replayed(tag, cache, null);
		}
	}

	/**
	 * Once JGSS verified the AP-REQ, and before the acceptor answers it: record its authenticator. Recording is
	 * atomic, so of two instances presented the same AP-REQ at once, one refuses it.
	 */
	private void recordAuthenticator() throws GSSException {
		ReplayCache cache = this.replayCache;
		if (cache == null) {
			return;
		}
		ReplayTag tag = this.replayTag;
		if (tag == null) {
			// JGSS accepted a first token this class could not read: refuse rather than leave it unrecorded
			throw new MechanismException(FailureReason.BAD_TOKEN, "Kerberos AP-REQ refused: its authenticator could "
					+ "not be read for the replay cache (" + cache + ")");
		}
		boolean added;
		try {
			added = cache.add(tag);
		}
		catch (RuntimeException ex) {
			throw cacheUnavailable(cache, ex);
		}
		if (!added) {
			throw replayed(tag, cache, String.valueOf(jgss().getSrcName()));
		}
	}

	private static MechanismException replayed(ReplayTag tag, ReplayCache cache, @Nullable String client) {
		return new MechanismException(FailureReason.REPLAY, "Kerberos AP-REQ refused: replayed authenticator"
				+ ((client != null) ? " of " + client : "") + " (tag " + tag.hex().substring(0, 16) + "... is in the "
				+ "replay cache " + cache + "); an AP-REQ is accepted once, by one instance, and a client makes a new "
				+ "one for every handshake, so this one was captured and sent again");
	}

	private static MechanismException cacheUnavailable(ReplayCache cache, RuntimeException ex) {
		return new MechanismException(FailureReason.INTERNAL, "Kerberos AP-REQ refused: the replay cache " + cache
				+ " could not tell whether its authenticator is a replay (" + ex.getMessage() + "); clients are "
				+ "refused until it answers", ex);
	}

	/**
	 * Set {@code GSS_C_IDENTIFY_FLAG} in the AP-REQ's authenticator checksum ([MS-KILE] 3.2.5.2, RFC 4121 4.1.1), as
	 * a Windows client at {@code TokenImpersonationLevel.Identification} does: the server may then identify the client
	 * but not act as it. The authenticator is re-encrypted with the session key of the service ticket JGSS used,
	 * found in the subject by its encoding. For encryption types this project does not implement (RC4-HMAC, DES3),
	 * or without the ticket, the token goes as JGSS made it.
	 */
	private byte[] withIdentifyFlag(byte[] token, Subject holder) {
		ApReq parsed = ApReq.parse(token);
		if (parsed == null) {
			return token;
		}
		byte[] ticket = parsed.ticketEncoding();
		for (KerberosTicket candidate : holder.getPrivateCredentials(KerberosTicket.class)) {
			byte[] encoded;
			byte @Nullable [] sessionKey;
			try {
				encoded = candidate.getEncoded();
				sessionKey = Arrays.equals(ticket, encoded) ? candidate.getSessionKey().getEncoded() : null;
			}
			catch (IllegalStateException ex) {
				// destroyed meanwhile (a new login replaced it)
				continue;
			}
			if (sessionKey != null) {
				byte[] rewritten = AuthenticatorFlags.withFlags(token, candidate.getSessionKeyType(), sessionKey,
						AuthenticatorFlags.IDENTIFY);
				if (rewritten != null) {
					return rewritten;
				}
				logger.debug("{}: the identify flag is not sent: the session key's encryption type {} is not one "
						+ "this project encrypts authenticators with", description(), candidate.getSessionKeyType());
				return token;
			}
		}
		logger.debug("{}: the identify flag is not sent: the service ticket JGSS used is not in the subject",
				description());
		return token;
	}

	/**
	 * A ticket this acceptor cannot use: say which service principal it is for, and which this server holds.
	 */
	private MechanismException acceptorFailure(GSSException ex, byte[] input) {
		MechanismException failure = GssErrors.translate(ex, description());
		if (failure.reason() != FailureReason.WRONG_TARGET) {
			return failure;
		}
		ApReq apReq = ApReq.parse(input);
		String ticketFor = (apReq != null) ? apReq.serverName() : null;
		if (ticketFor == null) {
			return failure;
		}
		return new MechanismException(FailureReason.WRONG_TARGET, failure.getMessage() + "; the client's ticket is for "
				+ ticketFor + ((this.held != null) ? ", this server holds the key of " + this.held : "")
				+ ": add " + ticketFor + " to the server's keytab, or have the client use an SPN the server holds", ex);
	}

	private String description() {
		return this.initiator ? "Kerberos initiator for target '" + this.target + "'" : "Kerberos acceptor";
	}

	/**
	 * What only the handshake needed goes once the context is established (it lives as long as its channel).
	 */
	private void releaseHandshakeState() {
		this.subject = null;
		this.target = null;
		this.held = null;
		this.keytab = null;
		this.apReq = null;
		this.replayTag = null;
		this.impersonatedBy = null;
		this.impersonatedUser = null;
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
		if (!this.established) {
			GSSContext context = this.context;
			this.established = context != null && context.isEstablished();
		}
		return this.established;
	}

	private GSSContext jgss() {
		GSSContext context = this.context;
		if (context == null) {
			throw new IllegalStateException("The JGSS context was released: this project protects both directions"
					+ " of the Kerberos context, or it was closed");
		}
		return context;
	}

	@Override
	public boolean isInitiator() {
		return this.initiator;
	}

	@Override
	public NegotiatedContext negotiated() {
		if (!isEstablished()) {
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
		GSSContext context = jgss();
		try {
			String peer = String.valueOf(this.initiator ? context.getTargName() : context.getSrcName());
			Object delegated = null;
			ImpersonationLevel level;
			if (this.initiator) {
				level = (this.allowedImpersonation == ImpersonationLevel.DELEGATION && delegated())
						? ImpersonationLevel.DELEGATION
						: (this.allowedImpersonation == ImpersonationLevel.DELEGATION) ? ImpersonationLevel.IMPERSONATION
								: this.allowedImpersonation;
			}
			else if (context.getCredDelegState()) {
				level = ImpersonationLevel.DELEGATION;
				delegated = context.getDelegCred();
			}
			else {
				level = acceptedLevel();
			}
			AuthorizationContext authorization = this.initiator ? AuthorizationContext.none()
					: TicketAuthorization.of(context, peer, this.keytab);
			if (!this.initiator && this.pacRequired) {
				requireVerifiedPac(authorization, peer);
			}
			// On the acceptor, the service principal the ticket was issued for: with service principal "*" (any key in
			// the keytab) the application learns which one the client asked for, as Windows SSPI reports it with
			// QueryContextAttributes(SECPKG_ATTR_NAMES of the server) and MIT krb5's gss_inquire_context(targ_name)
			// on an acceptor that used GSS_C_NO_NAME.
			String accepted = this.initiator ? null : acceptedServiceName();
			return new NegotiatedContext(Mechanism.KERBEROS, peer, context.getMutualAuthState(),
					context.getConfState(), context.getIntegState(),
					context.getAnonymityState() || (!this.initiator && KerberosNames.isAnonymous(peer)), level,
					delegated, accepted, authorization);
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos context");
		}
	}

	/**
	 * The level a client that did not delegate allowed: JGSS does not expose {@code GSS_C_IDENTIFY_FLAG}, so it is
	 * read from the authenticator's checksum with the service key ({@link AuthenticatorFlags}): identification when the
	 * flag is set (a Windows client at {@code TokenImpersonationLevel.Identification}), impersonation otherwise. When
	 * the authenticator cannot be read (no keytab, RC4-HMAC or DES3), the level that is certain: identification.
	 */
	private ImpersonationLevel acceptedLevel() {
		GSSContext context = jgss();
		byte[] token = this.apReq;
		this.apReq = null;
		File file = this.keytab;
		if (token == null || file == null) {
			return ImpersonationLevel.IDENTIFICATION;
		}
		Integer flags;
		try {
			KerberosPrincipal server = new KerberosPrincipal(context.getTargName().toString());
			flags = AuthenticatorFlags.read(token, List.of(KeyTab.getUnboundInstance(file).getKeys(server)));
		}
		catch (GSSException | IllegalArgumentException ex) {
			flags = null;
		}
		if (flags == null || (flags & AuthenticatorFlags.IDENTIFY) != 0) {
			return ImpersonationLevel.IDENTIFICATION;
		}
		return ImpersonationLevel.IMPERSONATION;
	}

	private static void requireVerifiedPac(AuthorizationContext authorization, String peer) {
		if (!authorization.isPresent()) {
			throw new MechanismException(FailureReason.POLICY, "Kerberos client '" + peer + "' refused: its ticket "
					+ "carries no PAC (an MIT or other non-Active Directory KDC issued it) and this server requires one "
					+ "(negotiate.tcp.server.kerberos.require-pac=true, KerberosServiceCredentials.requiringPac())");
		}
		if (!authorization.signatureVerified()) {
			throw new MechanismException(FailureReason.POLICY, "Kerberos client '" + peer + "' refused: its PAC's "
					+ "server signature could not be verified with the service key (RC4 signature, or no key for the "
					+ "ticket's server name in the keytab) and this server requires a verified PAC "
					+ "(negotiate.tcp.server.kerberos.require-pac=true, KerberosServiceCredentials.requiringPac())");
		}
	}

	private boolean delegated() throws GSSException {
		GSSContext context = jgss();
		// with requestDelegPolicy the JDK reports delegation to an ok-as-delegate service in the policy state
		return context.getCredDelegState() || (context instanceof ExtendedGSSContext extended
				&& extended.getDelegPolicyState());
	}

	private @Nullable String acceptedServiceName() {
		GSSContext context = jgss();
		try {
			GSSName target = context.getTargName();
			return (target != null) ? target.toString() : null;
		}
		catch (GSSException ex) {
			return null;
		}
	}

	@Override
	public byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		PerMessageTokens tokens = own();
		if (tokens != null && tokens.isSending()) {
			return tokens.wrap(data, offset, length, confidential);
		}
		byte[] token;
		try {
			token = jgss().wrap(data, offset, length, new MessageProp(0, confidential));
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos wrap");
		}
		startSending(tokens, token);
		releaseJgssOnceOwnProtects();
		return token;
	}

	@Override
	public ByteBuf wrap(ByteBuf data, int length, boolean confidential, ByteBufAllocator alloc, int headroom) {
		PerMessageTokens tokens = own();
		if (tokens == null || !tokens.isSending()) {
			return MechanismContext.super.wrap(data, length, confidential, alloc, headroom);
		}
		int tokenLength = tokens.wrapTokenLength(length, confidential, 0);
		ByteBuf out = alloc.heapBuffer(headroom + tokenLength);
		if (!out.hasArray()) {
			out.release();
			return MechanismContext.super.wrap(data, length, confidential, alloc, headroom);
		}
		try {
			// the plaintext is copied once, into the token, and protected there
			int base = out.arrayOffset() + headroom;
			data.readBytes(out.array(), base + PerMessageTokens.dataOffset(confidential), length);
			tokens.wrapInPlace(out.array(), base, length, confidential, 0);
			return out.writerIndex(headroom + tokenLength);
		}
		catch (RuntimeException ex) {
			out.release();
			throw ex;
		}
	}

	@Override
	public ByteBuf unwrap(ByteBuf token, int length, ByteBufAllocator alloc) {
		PerMessageTokens tokens = own();
		if (tokens == null || !tokens.isReceiving()) {
			return MechanismContext.super.unwrap(token, length, alloc);
		}
		ByteBuf copy = alloc.heapBuffer(length);
		if (!copy.hasArray()) {
			copy.release();
			return MechanismContext.super.unwrap(token, length, alloc);
		}
		try {
			// the token is copied once, out of the received bytes, and opened there
			copy.writeBytes(token, length);
			int dataLength;
			try {
				dataLength = tokens.unwrapInPlace(copy.array(), copy.arrayOffset(), length);
			}
			catch (PerMessageTokenException ex) {
				throw refused(ex, "Kerberos data frame");
			}
			checkConfidentiality(tokens.lastUnwrapSealed());
			int start = PerMessageTokens.dataOffset(tokens.lastUnwrapSealed());
			return copy.setIndex(start, start + dataLength);
		}
		catch (RuntimeException ex) {
			copy.release();
			throw ex;
		}
	}

	@Override
	public byte[] unwrap(byte[] token, int offset, int length) {
		PerMessageTokens tokens = own();
		if (tokens != null && tokens.isReceiving()) {
			PerMessageTokens.Unwrapped unwrapped;
			try {
				unwrapped = tokens.unwrap(token, offset, length);
			}
			catch (PerMessageTokenException ex) {
				throw refused(ex, "Kerberos data frame");
			}
			checkConfidentiality(unwrapped.confidential());
			return unwrapped.data();
		}
		MessageProp prop = new MessageProp(0, false);
		byte[] plain;
		try {
			plain = jgss().unwrap(token, offset, length, prop);
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos unwrap");
		}
		checkSequence(prop, "Kerberos data frame");
		checkConfidentiality(prop.getPrivacy());
		TokenHeader header = TokenHeader.read(token, offset, length);
		if (header != null && header.tokenId() == TokenHeader.WRAP && header.sealed() && header.extraCount() > 0) {
			// JGSS delivers the EC filler of an encrypted token as data; RFC 4121 4.2.4 says it is not
			if (header.extraCount() > plain.length) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "Kerberos data frame has an EC of "
						+ header.extraCount() + " bytes, more than its " + plain.length + " bytes of data");
			}
			plain = Arrays.copyOf(plain, plain.length - header.extraCount());
		}
		startReceiving(tokens, header);
		releaseJgssOnceOwnProtects();
		return plain;
	}

	@Override
	public byte[] getMic(byte[] data) {
		PerMessageTokens tokens = own();
		if (tokens != null && tokens.isSending()) {
			return tokens.getMic(data, 0, data.length);
		}
		byte[] mic;
		try {
			mic = jgss().getMIC(data, 0, data.length, new MessageProp(0, false));
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos getMIC");
		}
		startSending(tokens, mic);
		releaseJgssOnceOwnProtects();
		return mic;
	}

	@Override
	public void verifyMic(byte[] data, byte[] mic) {
		PerMessageTokens tokens = own();
		if (tokens != null && tokens.isReceiving()) {
			try {
				tokens.verifyMic(data, 0, data.length, mic, 0, mic.length);
			}
			catch (PerMessageTokenException ex) {
				throw refused(ex, "Kerberos MIC");
			}
			return;
		}
		MessageProp prop = new MessageProp(0, false);
		try {
			jgss().verifyMIC(mic, 0, mic.length, data, 0, data.length, prop);
		}
		catch (GSSException ex) {
			throw GssErrors.translate(ex, "Kerberos verifyMIC");
		}
		checkSequence(prop, "Kerberos MIC");
		startReceiving(tokens, TokenHeader.read(mic, 0, mic.length));
		releaseJgssOnceOwnProtects();
	}

	/**
	 * Once this project's tokens protect both directions, dispose of the JGSS context and let it go: what the
	 * channel needs from it ({@link #negotiated()}) was read at establishment.
	 */
	private void releaseJgssOnceOwnProtects() {
		PerMessageTokens tokens = this.own;
		GSSContext context = this.context;
		if (tokens == null || context == null || !tokens.isSending() || !tokens.isReceiving()) {
			return;
		}
		negotiated();
		this.context = null;
		try {
			context.dispose();
		}
		catch (GSSException ex) {
			// nothing left to release
		}
	}

	/**
	 * Return this project's protection for the context's key, created on first use after establishment; {@code null}
	 * when JGSS protects every token (another encryption type, or {@value #PROTECTION_PROPERTY}{@code =jgss}).
	 */
	private @Nullable PerMessageTokens own() {
		if (!this.ownDecided && isEstablished()) {
			this.ownDecided = true;
			this.own = ownProtection(jgss(), this.initiator);
		}
		return this.own;
	}

	private static @Nullable PerMessageTokens ownProtection(GSSContext context, boolean initiator) {
		if ("jgss".equalsIgnoreCase(System.getProperty(PROTECTION_PROPERTY, "own").trim())
				|| !(context instanceof ExtendedGSSContext extended)) {
			return null;
		}
		try {
			EncryptionKey key = (EncryptionKey) extended.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
			EncryptionType type = EncryptionType.of(key.getKeyType());
			return (type != null) ? new PerMessageTokens(type, key.getEncoded(), initiator) : null;
		}
		catch (GSSException | RuntimeException ex) {
			// the key is not available (a security manager, another provider): JGSS keeps protecting
			return null;
		}
	}

	/**
	 * The first token JGSS sent in this direction says the sequence number and the acceptor-subkey state; the next
	 * tokens are ours.
	 */
	private void startSending(@Nullable PerMessageTokens tokens, byte[] sent) {
		if (tokens == null) {
			return;
		}
		TokenHeader header = TokenHeader.read(sent, 0, sent.length);
		if (header == null) {
			throw new MechanismException(FailureReason.PROTOCOL,
					"JGSS sent an " + tokens.type() + " token that is not an RFC 4121 token");
		}
		try {
			tokens.startSending(header.sequenceNumber() + 1, header.acceptorSubkey());
		}
		catch (IllegalStateException ex) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"Kerberos peer's AcceptorSubkey flag contradicts the one of this side's tokens", ex);
		}
	}

	/**
	 * The first token JGSS verified in this direction says the sequence number and the acceptor-subkey state; the
	 * next tokens are verified by us.
	 */
	private void startReceiving(@Nullable PerMessageTokens tokens, @Nullable TokenHeader header) {
		if (tokens == null) {
			return;
		}
		if (header == null) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"Kerberos peer sent an " + tokens.type() + " token that is not an RFC 4121 token");
		}
		try {
			tokens.startReceiving(header.sequenceNumber() + 1, header.acceptorSubkey());
		}
		catch (IllegalStateException ex) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"Kerberos peer's AcceptorSubkey flag contradicts the one of this side's tokens", ex);
		}
	}

	private static void checkSequence(MessageProp prop, String what) {
		if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
			throw new MechanismException(FailureReason.REPLAY, what + " is "
					+ (prop.isDuplicateToken() ? "a replay" : "out of sequence") + "; the connection is closed");
		}
	}

	private void checkConfidentiality(boolean encrypted) {
		if (this.confidentialityRequired && !encrypted) {
			throw new MechanismException(FailureReason.POLICY,
					"Kerberos data frame was signed but not encrypted while encryption is required");
		}
	}

	private static MechanismException refused(PerMessageTokenException ex, String what) {
		return switch (ex.kind()) {
			case REPLAY -> new MechanismException(FailureReason.REPLAY,
					what + " is a replay (" + ex.getMessage() + "); the connection is closed", ex);
			case OUT_OF_SEQUENCE -> new MechanismException(FailureReason.REPLAY,
					what + " is out of sequence (" + ex.getMessage() + "); the connection is closed", ex);
			default -> new MechanismException(FailureReason.BAD_TOKEN, what + " refused: " + ex.getMessage(), ex);
		};
	}

	/**
	 * Return the encryption type whose keys protect data after establishment, when this project protects it rather
	 * than JGSS.
	 * @return the type, or {@code null} when JGSS protects every token (or before establishment)
	 */
	public @Nullable EncryptionType ownProtection() {
		PerMessageTokens tokens = own();
		return (tokens != null) ? tokens.type() : null;
	}

	/**
	 * Return the underlying JGSS context (for example to hand it to Spring Security Kerberos types). Once data flows,
	 * do not protect messages with it: this context's own tokens carry the sequence numbers, which JGSS does not
	 * see (see {@link #ownProtection()}). Once this project's tokens protect both directions the JGSS context is
	 * disposed and released.
	 * @return the context
	 * @throws IllegalStateException once the JGSS context was released (or this context closed)
	 */
	public GSSContext gssContext() {
		return jgss();
	}

	@Override
	public void close() {
		PerMessageTokens tokens = this.own;
		this.own = null;
		this.ownDecided = true;
		if (tokens != null) {
			tokens.forget();
		}
		disposeDelegatedCredential();
		GSSContext context = this.context;
		this.context = null;
		if (context != null) {
			try {
				context.dispose();
			}
			catch (GSSException ex) {
				// nothing left to release
			}
		}
	}

	/**
	 * The client's forwarded TGT lives as long as the session that received it: once the session ends nobody may act
	 * as the client with it. Windows SSPI ties delegated credentials to the security context (released with
	 * DeleteSecurityContext); MIT krb5 hands the delegated_cred_handle to the application to gss_release_cred, which
	 * here is the channel, so the channel releases it. An application that needs it longer copies the tickets.
	 */
	private void disposeDelegatedCredential() {
		NegotiatedContext described = this.negotiated;
		if (!this.initiator && described != null
				&& described.delegatedCredential() instanceof GSSCredential delegated) {
			try {
				delegated.dispose();
			}
			catch (GSSException | RuntimeException ex) {
				// already disposed: nothing left to release
			}
		}
	}

	@Override
	public String toString() {
		return "GssMechanismContext[" + (this.initiator ? "initiator" : "acceptor") + ", established="
				+ this.established + "]";
	}

}
