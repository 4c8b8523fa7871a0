package org.negotiatetcp.channel;

import java.time.Duration;
import java.util.Objects;

import org.negotiatetcp.framing.FramingLimits;

/**
 * Bounds that keep a misbehaving or malicious peer from holding resources: every violation closes the connection with
 * a framing fault or an NNS error and a log line. Start from {@link #defaults()} and change what differs, for example
 * {@code ChannelLimits.defaults().withMaxMessageSize(1 << 20).withReceiveTimeout(Duration.ofMinutes(1))}.
 * @param initializationTimeout how long the preamble, the handshake and the preamble acknowledgement may take
 * (WCF's {@code ChannelInitializationTimeout}, default 30 s)
 * @param closeTimeout how long a graceful close waits for the peer's End (default 10 s)
 * @param maxHandshakeTokenSize the largest handshake token accepted (default 65535, the format's maximum)
 * @param maxHandshakeLegs the most handshake messages accepted before giving up (default 16)
 * @param maxMessageSize the largest message (sized envelope) accepted (WCF's {@code MaxReceivedMessageSize}, default
 * 65536)
 * @param maxPendingHandshakes on a server, the most connections that may be authenticating at once (default 100); more
 * are refused with {@code ServerTooBusy}
 * @param maxViaLength the longest via accepted (default 2048)
 * @param maxContentTypeLength the longest content type accepted (default 256)
 * @param inboundQueueSize how many received messages may wait for the application before reading pauses (default 16)
 * @param receiveTimeout on a server, how long an open session may receive nothing before the server ends it
 * (WCF's {@code ReceiveTimeout}, default 10 min)
 * @param maxPendingHandshakesPerAddress on a server, the most connections from one peer IP address that may be
 * authenticating at once (default {@value #DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS}); more are refused with
 * {@code ServerTooBusy}, so one address cannot take the whole {@code maxPendingHandshakes}
 */
public record ChannelLimits(Duration initializationTimeout, Duration closeTimeout, int maxHandshakeTokenSize,
		int maxHandshakeLegs, int maxMessageSize, int maxPendingHandshakes, int maxViaLength, int maxContentTypeLength,
		int inboundQueueSize, Duration receiveTimeout, int maxPendingHandshakesPerAddress) {

	/** The default {@link #maxPendingHandshakesPerAddress()}. */
	public static final int DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS = 16;

	private static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofMinutes(10);

	/** The defaults, matching WCF's {@code NetTcpBinding}; see {@link #defaults()}. */
	public static final ChannelLimits DEFAULTS = new ChannelLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 0xFFFF,
			16, 65536, 100, 2048, 256, 16, DEFAULT_RECEIVE_TIMEOUT, DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS);

	/**
	 * Return the defaults, matching WCF's {@code NetTcpBinding}, to change with the {@code with...} methods, for
	 * example {@code ChannelLimits.defaults().withMaxMessageSize(1 << 20)}.
	 * @return the default limits
	 */
	public static ChannelLimits defaults() {
		return DEFAULTS;
	}

	/**
	 * Limits with the default receive timeout (10 min).
	 * @param initializationTimeout how long channel initialization may take
	 * @param closeTimeout how long a graceful close waits for the peer's End
	 * @param maxHandshakeTokenSize the largest handshake token accepted
	 * @param maxHandshakeLegs the most handshake messages accepted
	 * @param maxMessageSize the largest message accepted
	 * @param maxPendingHandshakes the most connections authenticating at once
	 * @param maxViaLength the longest via accepted
	 * @param maxContentTypeLength the longest content type accepted
	 * @param inboundQueueSize how many received messages may wait for the application
	 */
	public ChannelLimits(Duration initializationTimeout, Duration closeTimeout, int maxHandshakeTokenSize,
			int maxHandshakeLegs, int maxMessageSize, int maxPendingHandshakes, int maxViaLength, int maxContentTypeLength,
			int inboundQueueSize) {
		this(initializationTimeout, closeTimeout, maxHandshakeTokenSize, maxHandshakeLegs, maxMessageSize,
				maxPendingHandshakes, maxViaLength, maxContentTypeLength, inboundQueueSize, DEFAULT_RECEIVE_TIMEOUT);
	}

	/**
	 * Limits with the default {@code maxPendingHandshakesPerAddress}
	 * ({@value #DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS}).
	 * @param initializationTimeout how long channel initialization may take
	 * @param closeTimeout how long a graceful close waits for the peer's End
	 * @param maxHandshakeTokenSize the largest handshake token accepted
	 * @param maxHandshakeLegs the most handshake messages accepted
	 * @param maxMessageSize the largest message accepted
	 * @param maxPendingHandshakes the most connections authenticating at once
	 * @param maxViaLength the longest via accepted
	 * @param maxContentTypeLength the longest content type accepted
	 * @param inboundQueueSize how many received messages may wait for the application
	 * @param receiveTimeout how long an open session may receive nothing
	 */
	public ChannelLimits(Duration initializationTimeout, Duration closeTimeout, int maxHandshakeTokenSize,
			int maxHandshakeLegs, int maxMessageSize, int maxPendingHandshakes, int maxViaLength, int maxContentTypeLength,
			int inboundQueueSize, Duration receiveTimeout) {
		this(initializationTimeout, closeTimeout, maxHandshakeTokenSize, maxHandshakeLegs, maxMessageSize,
				maxPendingHandshakes, maxViaLength, maxContentTypeLength, inboundQueueSize, receiveTimeout,
				DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS);
	}

	public ChannelLimits {
		Objects.requireNonNull(initializationTimeout, "initializationTimeout");
		Objects.requireNonNull(closeTimeout, "closeTimeout");
		requirePositive(initializationTimeout.toMillis(), "initializationTimeout");
		requirePositive(closeTimeout.toMillis(), "closeTimeout");
		if (maxHandshakeTokenSize < 1 || maxHandshakeTokenSize > 0xFFFF) {
			throw new IllegalArgumentException("maxHandshakeTokenSize must be 1..65535 but was " + maxHandshakeTokenSize);
		}
		requirePositive(maxHandshakeLegs, "maxHandshakeLegs");
		requirePositive(maxMessageSize, "maxMessageSize");
		requirePositive(maxPendingHandshakes, "maxPendingHandshakes");
		requirePositive(maxViaLength, "maxViaLength");
		requirePositive(maxContentTypeLength, "maxContentTypeLength");
		requirePositive(inboundQueueSize, "inboundQueueSize");
		Objects.requireNonNull(receiveTimeout, "receiveTimeout");
		requirePositive(receiveTimeout.toMillis(), "receiveTimeout");
		requirePositive(maxPendingHandshakesPerAddress, "maxPendingHandshakesPerAddress");
	}

	/**
	 * Return the [MC-NMF] decoder quotas these limits imply (the fault-string quota stays at .NET's 256 bytes).
	 * @return the framing limits
	 */
	public FramingLimits framingLimits() {
		FramingLimits limits = new FramingLimits(this.maxViaLength, this.maxContentTypeLength,
				FramingLimits.DEFAULTS.maxFaultLength(), this.maxMessageSize);
		// every connection's decoders keep theirs: the usual case shares one instance
		return limits.equals(FramingLimits.DEFAULTS) ? FramingLimits.DEFAULTS : limits;
	}

	/**
	 * Return a copy with another {@code initializationTimeout}.
	 * @param timeout how long the preamble, the handshake and the preamble acknowledgement may take
	 * @return the limits
	 */
	public ChannelLimits withInitializationTimeout(Duration timeout) {
		return new ChannelLimits(timeout, this.closeTimeout, this.maxHandshakeTokenSize, this.maxHandshakeLegs,
				this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code closeTimeout}.
	 * @param timeout how long a graceful close waits for the peer's End
	 * @return the limits
	 */
	public ChannelLimits withCloseTimeout(Duration timeout) {
		return new ChannelLimits(this.initializationTimeout, timeout, this.maxHandshakeTokenSize, this.maxHandshakeLegs,
				this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxHandshakeTokenSize}.
	 * @param size the largest handshake token accepted, in bytes (1..65535)
	 * @return the limits
	 */
	public ChannelLimits withMaxHandshakeTokenSize(int size) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, size, this.maxHandshakeLegs,
				this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxHandshakeLegs}.
	 * @param legs the most handshake messages accepted
	 * @return the limits
	 */
	public ChannelLimits withMaxHandshakeLegs(int legs) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize, legs,
				this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxMessageSize}.
	 * @param size the largest message accepted, in bytes
	 * @return the limits
	 */
	public ChannelLimits withMaxMessageSize(int size) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, size, this.maxPendingHandshakes, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxPendingHandshakes}.
	 * @param pending on a server, the most connections that may be authenticating at once
	 * @return the limits
	 */
	public ChannelLimits withMaxPendingHandshakes(int pending) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, pending, this.maxViaLength, this.maxContentTypeLength,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxViaLength}.
	 * @param length the longest via accepted
	 * @return the limits
	 */
	public ChannelLimits withMaxViaLength(int length) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, this.maxPendingHandshakes, length,
				this.maxContentTypeLength, this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxContentTypeLength}.
	 * @param length the longest content type accepted
	 * @return the limits
	 */
	public ChannelLimits withMaxContentTypeLength(int length) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength, length,
				this.inboundQueueSize, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code inboundQueueSize}.
	 * @param size how many received messages may wait for the application
	 * @return the limits
	 */
	public ChannelLimits withInboundQueueSize(int size) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength,
				this.maxContentTypeLength, size, this.receiveTimeout, this.maxPendingHandshakesPerAddress);
	}

	/**
	 * Return a copy with another {@code maxPendingHandshakesPerAddress}.
	 * @param pending the most connections from one peer address authenticating at once
	 * @return the limits
	 */
	public ChannelLimits withMaxPendingHandshakesPerAddress(int pending) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength,
				this.maxContentTypeLength, this.inboundQueueSize, this.receiveTimeout, pending);
	}

	/**
	 * Return a copy with another {@code receiveTimeout}.
	 * @param timeout on a server, how long an open session may receive nothing
	 * @return the limits
	 */
	public ChannelLimits withReceiveTimeout(Duration timeout) {
		return new ChannelLimits(this.initializationTimeout, this.closeTimeout, this.maxHandshakeTokenSize,
				this.maxHandshakeLegs, this.maxMessageSize, this.maxPendingHandshakes, this.maxViaLength,
				this.maxContentTypeLength, this.inboundQueueSize, timeout, this.maxPendingHandshakesPerAddress);
	}

	private static void requirePositive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
	}

}
