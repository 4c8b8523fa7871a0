package org.negotiatetcp.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Key values and names of the {@link NegotiateObservationDocumentation#MESSAGE} observation. Implement it (usually by
 * extending {@link DefaultMessageObservationConvention}) to change them.
 */
public interface MessageObservationConvention extends ObservationConvention<MessageObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MessageObservationContext;
	}

}
