package org.negotiatetcp.boot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * Server side of Negotiate TCP: the listener that runs the application's
 * {@link org.negotiatetcp.channel.NegotiateChannelHandler} for every authenticated session.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@ConfigurationProperties("negotiate.tcp.server")
public class NegotiateServerProperties {

	/**
	 * Whether to start the server when the application defines a NegotiateChannelHandler or NegotiateRoutes bean.
	 */
	private boolean enabled = true;

	/**
	 * Network address to bind to. 0.0.0.0 (every IPv4 interface) when not set.
	 */
	private @Nullable InetAddress address;

	/**
	 * Port to listen on; 0 picks a free port, published as 'local.negotiate.tcp.server.port'.
	 */
	private int port = 808;

	/**
	 * Wire form clients use: net-tcp (WCF net.tcp: .NET Message Framing around NegotiateStream) or raw (a bare
	 * NegotiateStream).
	 */
	private ChannelMode mode = ChannelMode.NET_TCP;

	/**
	 * Via paths served in net-tcp mode by the single handler, for example '/orders' or '/orders/**' (that path and every
	 * path below it); other vias get the EndpointNotFound fault. Every path is served when empty. With handlers mapped
	 * by @NegotiateVia or NegotiateRoutes the mapped patterns are served instead, and this must be empty.
	 */
	private List<String> vias = new ArrayList<>();

	/**
	 * Windows Integrated Authentication package clients must use: spnego accepts Kerberos and NTLM, kerberos refuses
	 * NTLM, ntlm refuses Kerberos.
	 */
	private AuthPackage windowsIntegratedAuthPackage = AuthPackage.SPNEGO;

	/**
	 * Name of the service credential under 'negotiate.tcp.credentials': a keytab with the service principal (or '*'
	 * for any principal in the keytab). Needed for Kerberos.
	 */
	private @Nullable String credential;

	/**
	 * Whether anonymous clients are recognised. They are still refused wherever no authorization rule permits them.
	 */
	private boolean allowAnonymousClients;

	/**
	 * Security of net.tcp sessions: transport (the application/negotiate upgrade: Kerberos/NTLM, protected messages) or
	 * none (WCF's SecurityMode.None, for peers such as Mono's WCF that cannot upgrade: every client is anonymous and
	 * messages are neither authenticated nor encrypted; needs allow-anonymous-clients, logged as a warning).
	 */
	private SecurityMode securityMode = SecurityMode.TRANSPORT;

	/**
	 * Whether net.tcp clients may also use streamed transfer (WCF's TransferMode.Streamed: MC-NMF singleton-unsized
	 * mode, one message per preamble, after the security upgrade) beside buffered duplex sessions. Messages are still
	 * bounded by limits.max-message-size. Needs mode net-tcp (security-mode transport or none, as WCF allows).
	 */
	private boolean streamedTransfer;

	/**
	 * Minimum protection clients must request: none (or connect), sign (or pkt-integrity) or encrypt-and-sign (or
	 * pkt-privacy).
	 */
	private ProtectionLevel protectionLevel = ProtectionLevel.ENCRYPT_AND_SIGN;

	/**
	 * Time open sessions get to finish when the application stops; new connections are refused meanwhile.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(30);

	private final Ntlm ntlm = new Ntlm();

	private final Kerberos kerberos = new Kerberos();

	private final Limits limits = new Limits();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public ChannelMode getMode() {
		return this.mode;
	}

	public void setMode(ChannelMode mode) {
		this.mode = mode;
	}

	public List<String> getVias() {
		return this.vias;
	}

	public void setVias(List<String> vias) {
		this.vias = vias;
	}

	public AuthPackage getWindowsIntegratedAuthPackage() {
		return this.windowsIntegratedAuthPackage;
	}

	public void setWindowsIntegratedAuthPackage(AuthPackage windowsIntegratedAuthPackage) {
		this.windowsIntegratedAuthPackage = windowsIntegratedAuthPackage;
	}

	public @Nullable String getCredential() {
		return this.credential;
	}

	public void setCredential(@Nullable String credential) {
		this.credential = credential;
	}

	public boolean isStreamedTransfer() {
		return this.streamedTransfer;
	}

	public void setStreamedTransfer(boolean streamedTransfer) {
		this.streamedTransfer = streamedTransfer;
	}

	public SecurityMode getSecurityMode() {
		return this.securityMode;
	}

	public void setSecurityMode(SecurityMode securityMode) {
		this.securityMode = securityMode;
	}

	public boolean isAllowAnonymousClients() {
		return this.allowAnonymousClients;
	}

	public void setAllowAnonymousClients(boolean allowAnonymousClients) {
		this.allowAnonymousClients = allowAnonymousClients;
	}

	public ProtectionLevel getProtectionLevel() {
		return this.protectionLevel;
	}

	public void setProtectionLevel(ProtectionLevel protectionLevel) {
		this.protectionLevel = protectionLevel;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Ntlm getNtlm() {
		return this.ntlm;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Kerberos getKerberos() {
		return this.kerberos;
	}

	/**
	 * What the Kerberos acceptor requires of a client's service ticket.
	 */
	public static class Kerberos {

		/**
		 * Whether a Kerberos client's ticket must carry a PAC (an Active Directory KDC's authorization data) whose
		 * server signature verifies with the service key. When false, a ticket without a PAC (an MIT or other KDC's)
		 * is accepted with an empty authorization context. NTLM clients carry no PAC and are not affected: choose the
		 * kerberos package to refuse them.
		 */
		private boolean requirePac;

		/**
		 * Where the acceptor records the AP-REQs it accepted, to refuse one presented again.
		 */
		private final KerberosReplayCache replayCache = new KerberosReplayCache();

		public boolean isRequirePac() {
			return this.requirePac;
		}

		public void setRequirePac(boolean requirePac) {
			this.requirePac = requirePac;
		}

		public KerberosReplayCache getReplayCache() {
			return this.replayCache;
		}

	}

	/**
	 * The Kerberos replay cache: every AP-REQ accepted is recorded (by the SHA-256 of its authenticator's
	 * ciphertext) and one presented again is refused. Instances behind a load balancer, sharing a keytab, share a
	 * Redis one; a {@code ReplayCache} bean replaces it.
	 */
	public static class KerberosReplayCache {

		/**
		 * Which cache: in-memory (this process only; the default) or redis (shared by the instances).
		 */
		private @Nullable ReplayCacheType type;

		/**
		 * The clock skew the acceptor allows (krb5.conf's clockskew); entries are kept for twice that.
		 */
		private Duration clockSkew = Duration.ofMinutes(5);

		/**
		 * The most entries the in-memory cache keeps; beyond it the oldest are dropped (the JDK's own per-process
		 * replay cache still refuses their replays in this process).
		 */
		private int maxEntries = 100_000;

		private final Redis redis = new Redis();

		public @Nullable ReplayCacheType getType() {
			return this.type;
		}

		public void setType(@Nullable ReplayCacheType type) {
			this.type = type;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Redis getRedis() {
			return this.redis;
		}

		/**
		 * The Redis replay cache (needs io.lettuce:lettuce-core).
		 */
		public static class Redis {

			/**
			 * Redis URI, for example redis://redis.example.com:6379 (rediss:// for TLS; ${spring.data.redis.url}
			 * reuses Spring Data Redis's). When unset, the application's unique lettuce RedisClient bean is used.
			 */
			private @Nullable String url;

			/**
			 * Prefix of the keys, to share a Redis with other data.
			 */
			private String keyPrefix = "negotiatetcp:krb5-rcache:";

			/**
			 * How long a handshake waits for Redis; when Redis does not answer in time the client is refused.
			 */
			private Duration timeout = Duration.ofSeconds(2);

			public @Nullable String getUrl() {
				return this.url;
			}

			public void setUrl(@Nullable String url) {
				this.url = url;
			}

			public String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * The kinds of Kerberos replay cache.
	 */
	public enum ReplayCacheType {

		/** In this process's memory. */
		IN_MEMORY,

		/** In Redis, shared by the instances of the service. */
		REDIS

	}

	/**
	 * NTLM accounts verified by the server itself (no domain controller).
	 */
	public static class Ntlm {

		/**
		 * Accounts of the in-memory NTLM account store: 'DOMAIN\u005Cuser' (or 'user' for any domain) to the password, or to
		 * '{NT}' followed by the 32 hex digits of the NT hash. Write keys in brackets, for example
		 * '[EXAMPLE\u005Calice]: secret'.
		 */
		private Map<String, String> accounts = new LinkedHashMap<>();

		public Map<String, String> getAccounts() {
			return this.accounts;
		}

		public void setAccounts(Map<String, String> accounts) {
			this.accounts = accounts;
		}

		/**
		 * How far the NTLMv2 time stamp may lie from the server's clock, and how long a challenge stays answerable.
		 */
		private Duration maxClockSkew = NtlmAcceptorOptions.DEFAULTS.maxClockSkew();

		/**
		 * What to do with the SPN the client names (MsvAvTargetName): 'if-present' refuses a name that is not the
		 * server's (a relayed authentication), 'required' also refuses clients that name none, 'off' does not check.
		 */
		private NtlmAcceptorOptions.TargetNameCheck targetNameCheck = NtlmAcceptorOptions.DEFAULTS.targetNameCheck();

		/**
		 * Further names clients may use for this server, besides its host name and its Kerberos service principal:
		 * SPNs ('host/alias.example.com') or host names ('alias.example.com', any service class).
		 */
		private List<String> targetNames = new ArrayList<>();

		public Duration getMaxClockSkew() {
			return this.maxClockSkew;
		}

		public void setMaxClockSkew(Duration maxClockSkew) {
			this.maxClockSkew = maxClockSkew;
		}

		public NtlmAcceptorOptions.TargetNameCheck getTargetNameCheck() {
			return this.targetNameCheck;
		}

		public void setTargetNameCheck(NtlmAcceptorOptions.TargetNameCheck targetNameCheck) {
			this.targetNameCheck = targetNameCheck;
		}

		public List<String> getTargetNames() {
			return this.targetNames;
		}

		public void setTargetNames(List<String> targetNames) {
			this.targetNames = targetNames;
		}

		NtlmAcceptorOptions toOptions() {
			return new NtlmAcceptorOptions(this.maxClockSkew, this.targetNameCheck,
					new java.util.LinkedHashSet<>(this.targetNames));
		}

	}

	/**
	 * Bounds that keep a misbehaving peer from holding resources.
	 */
	public static class Limits {

		/**
		 * Time a connection may take for the preamble, the handshake and the preamble acknowledgement.
		 */
		private Duration initializationTimeout = Duration.ofSeconds(30);

		/**
		 * Time a graceful close waits for the client's end of session.
		 */
		private Duration closeTimeout = Duration.ofSeconds(10);

		/**
		 * Largest handshake token accepted (at most 65535 bytes).
		 */
		private DataSize maxHandshakeTokenSize = DataSize.ofBytes(65535);

		/**
		 * Most handshake messages accepted before giving up.
		 */
		private int maxHandshakeLegs = 16;

		/**
		 * Largest message accepted (WCF's MaxReceivedMessageSize).
		 */
		private DataSize maxMessageSize = DataSize.ofKilobytes(64);

		/**
		 * Most connections that may be authenticating at once; more are refused with ServerTooBusy.
		 */
		private int maxPendingHandshakes = 100;

		/**
		 * Most connections from one peer IP address that may be authenticating at once; more are refused with
		 * ServerTooBusy.
		 */
		private int maxPendingHandshakesPerAddress = 16;

		/**
		 * Longest via accepted, in characters.
		 */
		private int maxViaLength = 2048;

		/**
		 * Longest content type accepted, in characters.
		 */
		private int maxContentTypeLength = 256;

		/**
		 * Received messages that may wait for the handler before reading pauses.
		 */
		private int inboundQueueSize = 16;

		/**
		 * How long an open session may receive nothing before the server ends it (WCF's ReceiveTimeout).
		 */
		private Duration receiveTimeout = Duration.ofMinutes(10);

		public Duration getInitializationTimeout() {
			return this.initializationTimeout;
		}

		public void setInitializationTimeout(Duration initializationTimeout) {
			this.initializationTimeout = initializationTimeout;
		}

		public Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

		public DataSize getMaxHandshakeTokenSize() {
			return this.maxHandshakeTokenSize;
		}

		public void setMaxHandshakeTokenSize(DataSize maxHandshakeTokenSize) {
			this.maxHandshakeTokenSize = maxHandshakeTokenSize;
		}

		public int getMaxHandshakeLegs() {
			return this.maxHandshakeLegs;
		}

		public void setMaxHandshakeLegs(int maxHandshakeLegs) {
			this.maxHandshakeLegs = maxHandshakeLegs;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public int getMaxPendingHandshakes() {
			return this.maxPendingHandshakes;
		}

		public void setMaxPendingHandshakes(int maxPendingHandshakes) {
			this.maxPendingHandshakes = maxPendingHandshakes;
		}

		public int getMaxPendingHandshakesPerAddress() {
			return this.maxPendingHandshakesPerAddress;
		}

		public void setMaxPendingHandshakesPerAddress(int maxPendingHandshakesPerAddress) {
			this.maxPendingHandshakesPerAddress = maxPendingHandshakesPerAddress;
		}

		public int getMaxViaLength() {
			return this.maxViaLength;
		}

		public void setMaxViaLength(int maxViaLength) {
			this.maxViaLength = maxViaLength;
		}

		public int getMaxContentTypeLength() {
			return this.maxContentTypeLength;
		}

		public void setMaxContentTypeLength(int maxContentTypeLength) {
			this.maxContentTypeLength = maxContentTypeLength;
		}

		public int getInboundQueueSize() {
			return this.inboundQueueSize;
		}

		public void setInboundQueueSize(int inboundQueueSize) {
			this.inboundQueueSize = inboundQueueSize;
		}

		public Duration getReceiveTimeout() {
			return this.receiveTimeout;
		}

		public void setReceiveTimeout(Duration receiveTimeout) {
			this.receiveTimeout = receiveTimeout;
		}

	}

}
