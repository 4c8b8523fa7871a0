package org.negotiatetcp.observation;

import java.util.Objects;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.ChannelSide;

/**
 * Context of a {@link NegotiateObservationDocumentation#MESSAGE} observation: one application message (a sized
 * envelope in {@code net.tcp} mode, the plaintext of one data frame in raw mode) received or sent on an open channel.
 */
public class MessageObservationContext extends NegotiateObservationContext {

	private final MessageDirection direction;

	private final int size;

	/**
	 * Create a context.
	 * @param side the side observed
	 * @param mode the wire form
	 * @param direction whether the message was received or sent
	 * @param size the size of the application message in bytes (before framing and protection)
	 */
	public MessageObservationContext(ChannelSide side, ChannelMode mode, MessageDirection direction, int size) {
		super(side, mode);
		this.direction = Objects.requireNonNull(direction, "direction");
		this.size = size;
	}

	/**
	 * Return whether the message was received or sent.
	 * @return the direction
	 */
	public MessageDirection getDirection() {
		return this.direction;
	}

	/**
	 * Return the size of the application message in bytes.
	 * @return the size
	 */
	public int getSize() {
		return this.size;
	}

}
