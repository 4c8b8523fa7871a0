package org.negotiatetcp.observation;

import io.micrometer.common.KeyValues;

import org.negotiatetcp.observation.NegotiateObservationDocumentation.MessageLowCardinalityKeyNames;

/**
 * The default {@link MessageObservationConvention}: name {@code negotiate.tcp.message}, contextual name
 * {@code negotiate <side> <received|sent>}, the keys of {@link NegotiateObservationDocumentation#MESSAGE}.
 */
public class DefaultMessageObservationConvention implements MessageObservationConvention {

	/** A shared instance. */
	public static final DefaultMessageObservationConvention INSTANCE = new DefaultMessageObservationConvention();

	/**
	 * Create a convention; subclass it to change names or key values.
	 */
	public DefaultMessageObservationConvention() {
	}

	@Override
	public String getName() {
		return NegotiateObservationDocumentation.MESSAGE.getName();
	}

	@Override
	public String getContextualName(MessageObservationContext context) {
		return "negotiate " + context.getSide().value() + " " + context.getDirection().value();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MessageObservationContext context) {
		return NegotiateKeyValues.lowCardinality(context)
			.and(MessageLowCardinalityKeyNames.DIRECTION.withValue(context.getDirection().value()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MessageObservationContext context) {
		return NegotiateKeyValues.highCardinality(context);
	}

}
