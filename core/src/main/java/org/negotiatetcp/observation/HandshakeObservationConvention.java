package org.negotiatetcp.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Key values and names of the {@link NegotiateObservationDocumentation#HANDSHAKE} observation. Implement it (usually by
 * extending {@link DefaultHandshakeObservationConvention}) to change them.
 */
public interface HandshakeObservationConvention extends ObservationConvention<HandshakeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof HandshakeObservationContext;
	}

}
