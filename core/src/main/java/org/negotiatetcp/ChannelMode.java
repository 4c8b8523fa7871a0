package org.negotiatetcp;

/**
 * The wire form of a channel.
 */
public enum ChannelMode {

	/**
	 * WCF {@code net.tcp} and WWSAPI TCP: [MC-NMF] preamble, an {@code application/negotiate} upgrade to [MS-NNS],
	 * then sized envelopes inside NNS data frames. Addresses look like {@code net.tcp://host:port/path}.
	 */
	NET_TCP,

	/**
	 * A bare {@code NegotiateStream}: the [MS-NNS] handshake, then a byte stream inside NNS data frames, as a .NET
	 * application using {@code System.Net.Security.NegotiateStream} directly speaks. Addresses look like
	 * {@code tcp://host:port}.
	 */
	RAW

}
