package org.negotiatetcp;

import java.util.Locale;

/**
 * Which end of a channel an observation or a meter describes.
 */
public enum ChannelSide {

	/** The side that opened the connection ({@code NegotiateChannelFactory}). */
	CLIENT,

	/** The side that accepted the connection ({@code NegotiateServer}). */
	SERVER;

	/**
	 * Return the value used in key values and tags: {@code client} or {@code server}.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
