package org.negotiatetcp.identity;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * Turns an endpoint identity and an address into the target name, exactly as {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}
 * specifies:
 * <ul>
 * <li>an SPN or UPN identity is used verbatim (the UPN as a user principal);</li>
 * <li>a DNS identity {@code d} becomes {@code host/d};</li>
 * <li>without an identity, the host component of the address URI (RFC 2396 section 3.2.2) {@code d} becomes
 * {@code host/d}, literally: no canonicalisation and no reverse DNS;</li>
 * <li>any other identity type fails.</li>
 * </ul>
 */
public final class TargetNameResolver {

	private TargetNameResolver() {
	}

	/**
	 * Resolve the target name.
	 * @param identity the configured identity, or {@code null} for none
	 * @param address the endpoint address, for example {@code net.tcp://srv.example.com:808/orders}
	 * @return the target name
	 * @throws NegotiateException with {@link FailureReason#WRONG_TARGET} for an unsupported identity type or an
	 * address without a host
	 */
	public static TargetName resolve(@Nullable EndpointIdentity identity, URI address) {
		if (identity == null) {
			return TargetName.spn("host/" + hostOf(address));
		}
		if (identity instanceof EndpointIdentity.Spn spn) {
			return TargetName.spn(spn.value());
		}
		if (identity instanceof EndpointIdentity.Upn upn) {
			return TargetName.upn(upn.value());
		}
		if (identity instanceof EndpointIdentity.Dns dns) {
			return TargetName.spn("host/" + dns.value());
		}
		EndpointIdentity.Unsupported other = (EndpointIdentity.Unsupported) identity;
		throw new NegotiateException(FailureReason.WRONG_TARGET, "Endpoint identity of type '" + other.type()
				+ "' cannot be used with Windows Integrated Authentication over TCP; use an spn, upn or dns identity, "
				+ "or none to use host/<host of the address>");
	}

	/**
	 * Return the host component of an address exactly as written (IPv6 literals without brackets).
	 * @param address the address
	 * @return the host
	 * @throws NegotiateException if the address has no host
	 */
	public static String hostOf(URI address) {
		String host = address.getHost();
		if (host == null || host.isEmpty()) {
			throw new NegotiateException(FailureReason.WRONG_TARGET, "Address '" + address
					+ "' has no host component, so no target name can be derived; write it as net.tcp://host:port/path "
					+ "or tcp://host:port, or configure an explicit endpoint identity");
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			return host.substring(1, host.length() - 1);
		}
		return host;
	}

}
