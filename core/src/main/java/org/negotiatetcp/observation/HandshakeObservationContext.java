package org.negotiatetcp.observation;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.ChannelSide;

/**
 * Context of a {@link NegotiateObservationDocumentation#HANDSHAKE} observation: from the moment a connection is
 * active (or a reused {@code net.tcp} connection starts its next session) until the session opens or the
 * handshake fails.
 */
public class HandshakeObservationContext extends NegotiateObservationContext {

	/**
	 * Create a context.
	 * @param side the side observed
	 * @param mode the wire form
	 */
	public HandshakeObservationContext(ChannelSide side, ChannelMode mode) {
		super(side, mode);
	}

}
