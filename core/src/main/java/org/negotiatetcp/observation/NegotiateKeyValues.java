package org.negotiatetcp.observation;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;

import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.observation.NegotiateObservationDocumentation.HighCardinalityKeyNames;
import org.negotiatetcp.observation.NegotiateObservationDocumentation.LowCardinalityKeyNames;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The key values both default conventions derive from a {@link NegotiateObservationContext}.
 */
final class NegotiateKeyValues {

	static final String UNKNOWN = "unknown";

	/** The endpoint of a channel that was not opened as a named endpoint (and of every server channel). */
	static final String NO_ENDPOINT = "none";

	private NegotiateKeyValues() {
	}

	static KeyValues lowCardinality(NegotiateObservationContext context) {
		SecurityInfo info = context.getSecurityInfo();
		String outcome = context.getOutcome();
		return KeyValues.of(LowCardinalityKeyNames.SIDE.withValue(context.getSide().value()),
				LowCardinalityKeyNames.MODE.withValue(mode(context.getMode())),
				LowCardinalityKeyNames.AUTH_PACKAGE
					.withValue((info != null) ? lower(info.authPackage().name()) : UNKNOWN),
				LowCardinalityKeyNames.MECHANISM.withValue((info != null) ? lower(info.mechanism().name()) : UNKNOWN),
				LowCardinalityKeyNames.PROTECTION_LEVEL
					.withValue((info != null) ? lower(info.protectionLevel().name()) : UNKNOWN),
				LowCardinalityKeyNames.ENDPOINT.withValue(endpoint(context.getEndpoint())),
				LowCardinalityKeyNames.OUTCOME.withValue((outcome != null) ? outcome : UNKNOWN));
	}

	static KeyValues highCardinality(NegotiateObservationContext context) {
		SecurityInfo info = context.getSecurityInfo();
		String via = context.getVia();
		return KeyValues.of(HighCardinalityKeyNames.PRINCIPAL.withValue((info != null) ? info.peerName() : UNKNOWN),
				HighCardinalityKeyNames.REMOTE_ADDRESS.withValue(address(context.getRemoteAddress())),
				HighCardinalityKeyNames.VIA.withValue((via != null) ? via : UNKNOWN));
	}

	static String endpoint(@Nullable String endpoint) {
		return (endpoint != null && !endpoint.isBlank()) ? endpoint : NO_ENDPOINT;
	}

	static String mode(ChannelMode mode) {
		return (mode == ChannelMode.NET_TCP) ? "net.tcp" : "raw";
	}

	private static String address(@Nullable SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			return inet.getHostString() + ":" + inet.getPort();
		}
		return (address != null) ? address.toString() : UNKNOWN;
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
