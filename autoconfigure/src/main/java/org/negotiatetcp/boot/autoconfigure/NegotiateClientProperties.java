package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.boot.client.EndpointDelegation;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.channel.TransferMode;
import org.negotiatetcp.mechanism.DelegationPolicy;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * Client side of Negotiate TCP: the security binding every channel of the application's
 * {@link org.negotiatetcp.channel.NegotiateChannelFactory} uses, and named endpoints. Setting any of these properties
 * turns the client on; it then needs a client credential.
 * <p>
 * The protection level follows the RPC authentication levels: {@code connect} ({@code RPC_C_AUTHN_LEVEL_CONNECT})
 * is {@code none}, {@code pkt-integrity} is {@code sign} and {@code pkt-privacy} is {@code encrypt-and-sign}; either
 * name is accepted. Each named endpoint may override the security binding.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@ConfigurationProperties("negotiate.tcp.client")
public class NegotiateClientProperties {

	/**
	 * Name of the client credential under 'negotiate.tcp.credentials'. Required on the client.
	 */
	private @Nullable String credential;

	/**
	 * Windows Integrated Authentication package to authenticate with. NTLM needs require-server-auth set to false.
	 */
	private AuthPackage windowsIntegratedAuthPackage = AuthPackage.SPNEGO;

	/**
	 * Whether the server must prove its identity (mutual authentication). NTLM cannot, so it needs false.
	 */
	private boolean requireServerAuth = true;

	/**
	 * Security of net.tcp sessions: transport (the application/negotiate upgrade) or none (WCF's SecurityMode.None: no
	 * authentication, no encryption, only for servers that allow it; logged as a warning per connection).
	 */
	private SecurityMode securityMode = SecurityMode.TRANSPORT;

	/**
	 * How net.tcp channels carry messages: buffered (a duplex session, WCF's default) or streamed (WCF's
	 * TransferMode.Streamed: one message per channel in MC-NMF singleton-unsized mode, written in chunks; the server
	 * must allow it).
	 */
	private TransferMode transferMode = TransferMode.BUFFERED;

	/**
	 * Most the server may do with the client's identity: identification (WCF's default and least privilege: the server
	 * learns who the client is but cannot act as it), impersonation, or delegation (the server may act as the client
	 * towards other services).
	 */
	private ImpersonationLevel allowedImpersonationLevel = ImpersonationLevel.IDENTIFICATION;

	/**
	 * With allowed-impersonation-level delegation, where a Kerberos client forwards its ticket-granting ticket:
	 * ok-as-delegate (only to services the KDC marks trusted for delegation, as Windows clients do) or always.
	 */
	private DelegationPolicy delegationPolicy = DelegationPolicy.OK_AS_DELEGATE;

	/**
	 * Protection of the messages: none (or connect, RPC_C_AUTHN_LEVEL_CONNECT), sign (or pkt-integrity,
	 * RPC_C_AUTHN_LEVEL_PKT_INTEGRITY) or encrypt-and-sign (or pkt-privacy, RPC_C_AUTHN_LEVEL_PKT_PRIVACY).
	 */
	private ProtectionLevel protectionLevel = ProtectionLevel.ENCRYPT_AND_SIGN;

	/**
	 * Time allowed to connect, authenticate and open a session.
	 */
	private Duration openTimeout = Duration.ofSeconds(30);

	/**
	 * Time a graceful close waits for the server's end of session.
	 */
	private Duration closeTimeout = Duration.ofSeconds(10);

	/**
	 * Connection pooling for net.tcp endpoints.
	 */
	private final ConnectionPool connectionPool = new ConnectionPool();

	/**
	 * Largest message accepted from a server.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Whether to log in every client credential with Kerberos at startup and stop the application with the reason if
	 * one cannot (instead of finding out when the first channel opens).
	 */
	private boolean loginCheck;

	/**
	 * Named endpoints, opened with NegotiateEndpoints.get(name).open() (or .openAs(client) on a server, see
	 * delegation). Each may set its own credential, windows-integrated-auth-package, require-server-auth,
	 * allowed-impersonation-level and protection-level.
	 */
	private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	public boolean isLoginCheck() {
		return this.loginCheck;
	}

	public void setLoginCheck(boolean loginCheck) {
		this.loginCheck = loginCheck;
	}

	public @Nullable String getCredential() {
		return this.credential;
	}

	public void setCredential(@Nullable String credential) {
		this.credential = credential;
	}

	public AuthPackage getWindowsIntegratedAuthPackage() {
		return this.windowsIntegratedAuthPackage;
	}

	public void setWindowsIntegratedAuthPackage(AuthPackage windowsIntegratedAuthPackage) {
		this.windowsIntegratedAuthPackage = windowsIntegratedAuthPackage;
	}

	public SecurityMode getSecurityMode() {
		return this.securityMode;
	}

	public TransferMode getTransferMode() {
		return this.transferMode;
	}

	public void setTransferMode(TransferMode transferMode) {
		this.transferMode = transferMode;
	}

	public void setSecurityMode(SecurityMode securityMode) {
		this.securityMode = securityMode;
	}

	public boolean isRequireServerAuth() {
		return this.requireServerAuth;
	}

	public void setRequireServerAuth(boolean requireServerAuth) {
		this.requireServerAuth = requireServerAuth;
	}

	public ImpersonationLevel getAllowedImpersonationLevel() {
		return this.allowedImpersonationLevel;
	}

	public void setAllowedImpersonationLevel(ImpersonationLevel allowedImpersonationLevel) {
		this.allowedImpersonationLevel = allowedImpersonationLevel;
	}

	public DelegationPolicy getDelegationPolicy() {
		return this.delegationPolicy;
	}

	public void setDelegationPolicy(DelegationPolicy delegationPolicy) {
		this.delegationPolicy = delegationPolicy;
	}

	public ProtectionLevel getProtectionLevel() {
		return this.protectionLevel;
	}

	public void setProtectionLevel(ProtectionLevel protectionLevel) {
		this.protectionLevel = protectionLevel;
	}

	public Duration getOpenTimeout() {
		return this.openTimeout;
	}

	public void setOpenTimeout(Duration openTimeout) {
		this.openTimeout = openTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public ConnectionPool getConnectionPool() {
		return this.connectionPool;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Map<String, Endpoint> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * A named endpoint of a server.
	 */
	public static class Endpoint {

		/**
		 * Address of the endpoint: 'net.tcp://host[:port]/path' (WCF net.tcp, port 808 by default) or
		 * 'tcp://host:port' (raw NegotiateStream). Placeholders are resolved when a channel opens, so
		 * '${local.negotiate.tcp.server.port}' works.
		 */
		private @Nullable String address;

		/**
		 * Wire form, which must agree with the address scheme. Derived from the address when not set.
		 */
		private @Nullable ChannelMode mode;

		/**
		 * Expected identity of the server as 'spn:<service/host>', 'upn:<user@domain>' or 'dns:<host>'. Without an
		 * identity the target is 'host/<host of the address>'.
		 */
		private @Nullable String identity;

		/**
		 * Expected service principal name of the server, an alternative to 'identity: spn:...'.
		 */
		private @Nullable String spn;

		/**
		 * Expected user principal name of the server's account, an alternative to 'identity: upn:...'.
		 */
		private @Nullable String upn;

		/**
		 * Expected DNS name of the server (target 'host/<dns>'), an alternative to 'identity: dns:...'.
		 */
		private @Nullable String dns;

		/**
		 * Name of the client credential under 'negotiate.tcp.credentials' for this endpoint. Defaults to
		 * 'negotiate.tcp.client.credential'.
		 */
		private @Nullable String credential;

		/**
		 * Windows Integrated Authentication package for this endpoint. Defaults to
		 * 'negotiate.tcp.client.windows-integrated-auth-package'.
		 */
		private @Nullable AuthPackage windowsIntegratedAuthPackage;

		/**
		 * Whether this endpoint's server must prove its identity. Defaults to
		 * 'negotiate.tcp.client.require-server-auth'.
		 */
		private @Nullable Boolean requireServerAuth;

		/**
		 * Security of this endpoint's net.tcp sessions (transport or none), instead of the client's.
		 */
		private @Nullable SecurityMode securityMode;

		/**
		 * Transfer mode of this endpoint's net.tcp channels (buffered or streamed), instead of the client's.
		 */
		private @Nullable TransferMode transferMode;

		/**
		 * Most this endpoint's server may do with the client's identity. Defaults to
		 * 'negotiate.tcp.client.allowed-impersonation-level'.
		 */
		private @Nullable ImpersonationLevel allowedImpersonationLevel;

		/**
		 * Protection of this endpoint's messages. Defaults to 'negotiate.tcp.client.protection-level'.
		 */
		private @Nullable ProtectionLevel protectionLevel;

		/**
		 * How a server opens this endpoint as one of its clients (NegotiateEndpoint.openAs): none (it does not),
		 * unconstrained (with the ticket-granting ticket the client forwarded) or constrained (Kerberos constrained
		 * delegation, S4U2Self and S4U2Proxy, with this endpoint's credential, the service account, whose
		 * msDS-AllowedToDelegateTo must list this endpoint's SPN; also for NTLM clients with protocol transition).
		 */
		private EndpointDelegation delegation = EndpointDelegation.NONE;

		public EndpointDelegation getDelegation() {
			return this.delegation;
		}

		public void setDelegation(EndpointDelegation delegation) {
			this.delegation = delegation;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public @Nullable ChannelMode getMode() {
			return this.mode;
		}

		public void setMode(@Nullable ChannelMode mode) {
			this.mode = mode;
		}

		public @Nullable String getIdentity() {
			return this.identity;
		}

		public void setIdentity(@Nullable String identity) {
			this.identity = identity;
		}

		public @Nullable String getSpn() {
			return this.spn;
		}

		public void setSpn(@Nullable String spn) {
			this.spn = spn;
		}

		public @Nullable String getUpn() {
			return this.upn;
		}

		public void setUpn(@Nullable String upn) {
			this.upn = upn;
		}

		public @Nullable String getDns() {
			return this.dns;
		}

		public void setDns(@Nullable String dns) {
			this.dns = dns;
		}

		public @Nullable String getCredential() {
			return this.credential;
		}

		public void setCredential(@Nullable String credential) {
			this.credential = credential;
		}

		public @Nullable AuthPackage getWindowsIntegratedAuthPackage() {
			return this.windowsIntegratedAuthPackage;
		}

		public void setWindowsIntegratedAuthPackage(@Nullable AuthPackage windowsIntegratedAuthPackage) {
			this.windowsIntegratedAuthPackage = windowsIntegratedAuthPackage;
		}

		public @Nullable SecurityMode getSecurityMode() {
			return this.securityMode;
		}

		public @Nullable TransferMode getTransferMode() {
			return this.transferMode;
		}

		public void setTransferMode(@Nullable TransferMode transferMode) {
			this.transferMode = transferMode;
		}

		public void setSecurityMode(@Nullable SecurityMode securityMode) {
			this.securityMode = securityMode;
		}

		public @Nullable Boolean getRequireServerAuth() {
			return this.requireServerAuth;
		}

		public void setRequireServerAuth(@Nullable Boolean requireServerAuth) {
			this.requireServerAuth = requireServerAuth;
		}

		public @Nullable ImpersonationLevel getAllowedImpersonationLevel() {
			return this.allowedImpersonationLevel;
		}

		public void setAllowedImpersonationLevel(@Nullable ImpersonationLevel allowedImpersonationLevel) {
			this.allowedImpersonationLevel = allowedImpersonationLevel;
		}

		public @Nullable ProtectionLevel getProtectionLevel() {
			return this.protectionLevel;
		}

		public void setProtectionLevel(@Nullable ProtectionLevel protectionLevel) {
			this.protectionLevel = protectionLevel;
		}

	}

	/**
	 * Client connection pooling, as WCF does it: after a clean End/End the TCP connection is kept and the next channel
	 * to the same host and port reuses it with a new preamble and a new handshake.
	 */
	public static class ConnectionPool {

		/**
		 * Whether to keep closed sessions' connections for reuse.
		 */
		private boolean enabled;

		/**
		 * How long an idle connection is kept.
		 */
		private Duration idleTimeout = Duration.ofMinutes(2);

		/**
		 * Most idle connections kept per endpoint (host and port).
		 */
		private int maxIdlePerEndpoint = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxIdlePerEndpoint() {
			return this.maxIdlePerEndpoint;
		}

		public void setMaxIdlePerEndpoint(int maxIdlePerEndpoint) {
			this.maxIdlePerEndpoint = maxIdlePerEndpoint;
		}

	}

}
