package org.negotiatetcp.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link HandshakeObservationConvention}: name {@code negotiate.tcp.handshake}, contextual name
 * {@code negotiate <side> handshake}, the keys of {@link NegotiateObservationDocumentation#HANDSHAKE}.
 */
public class DefaultHandshakeObservationConvention implements HandshakeObservationConvention {

	/** A shared instance. */
	public static final DefaultHandshakeObservationConvention INSTANCE = new DefaultHandshakeObservationConvention();

	/**
	 * Create a convention; subclass it to change names or key values.
	 */
	public DefaultHandshakeObservationConvention() {
	}

	@Override
	public String getName() {
		return NegotiateObservationDocumentation.HANDSHAKE.getName();
	}

	@Override
	public String getContextualName(HandshakeObservationContext context) {
		return "negotiate " + context.getSide().value() + " handshake";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(HandshakeObservationContext context) {
		return NegotiateKeyValues.lowCardinality(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(HandshakeObservationContext context) {
		return NegotiateKeyValues.highCardinality(context);
	}

}
