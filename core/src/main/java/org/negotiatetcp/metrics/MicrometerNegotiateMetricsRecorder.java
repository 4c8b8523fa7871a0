package org.negotiatetcp.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.ChannelSide;

/**
 * Records the engine's meters in a Micrometer {@link MeterRegistry}. Use one instance per registry and share it between
 * the servers and channel factories of an application (the gauges belong to the instance).
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@value #CHANNELS_ACTIVE}</td><td>gauge: authenticated channels (sessions) open now</td>
 * <td>{@value #SIDE_TAG}</td></tr>
 * <tr><td>{@value #BYTES_RECEIVED}, {@value #BYTES_SENT}</td><td>counters, bytes on the socket</td>
 * <td>{@value #SIDE_TAG}</td></tr>
 * <tr><td>{@value #MESSAGES_RECEIVED}, {@value #MESSAGES_SENT}</td><td>counters, application messages</td>
 * <td>{@value #SIDE_TAG}</td></tr>
 * <tr><td>{@value #HANDSHAKE_FAILURES}</td><td>counter, failed handshakes</td><td>{@value #SIDE_TAG},
 * {@value #OUTCOME_TAG} (a failure outcome of {@link org.negotiatetcp.observation.Outcomes}), {@value #ENDPOINT_TAG}
 * </td></tr>
 * </table>
 * Tag keys and values are those of the observations ({@code NegotiateObservationDocumentation}), so meters and
 * observation timers can be joined on them.
 */
public final class MicrometerNegotiateMetricsRecorder implements NegotiateMetricsRecorder {

	/** Name of the active channels gauge. */
	public static final String CHANNELS_ACTIVE = "negotiate.tcp.channels.active";

	/** Name of the received bytes counter. */
	public static final String BYTES_RECEIVED = "negotiate.tcp.bytes.received";

	/** Name of the sent bytes counter. */
	public static final String BYTES_SENT = "negotiate.tcp.bytes.sent";

	/** Name of the received messages counter. */
	public static final String MESSAGES_RECEIVED = "negotiate.tcp.messages.received";

	/** Name of the sent messages counter. */
	public static final String MESSAGES_SENT = "negotiate.tcp.messages.sent";

	/** Name of the handshake failures counter. */
	public static final String HANDSHAKE_FAILURES = "negotiate.tcp.handshake.failures";

	/**
	 * Tag naming the side ({@code client} or {@code server}): the same key as the observations' low-cardinality key
	 * {@code NegotiateObservationDocumentation.LowCardinalityKeyNames.SIDE}.
	 */
	public static final String SIDE_TAG = "negotiate.side";

	/**
	 * Tag naming the failure outcome (a failure outcome of {@link org.negotiatetcp.observation.Outcomes}): the same key
	 * and values as the observations' {@code NegotiateObservationDocumentation.LowCardinalityKeyNames.OUTCOME}.
	 */
	public static final String OUTCOME_TAG = "outcome";

	/**
	 * Tag naming the endpoint a client opened, {@value #NO_ENDPOINT} on a server and for channels opened by address:
	 * the observations' {@code NegotiateObservationDocumentation.LowCardinalityKeyNames.ENDPOINT}.
	 */
	public static final String ENDPOINT_TAG = "negotiate.endpoint";

	/** The value of {@value #ENDPOINT_TAG} when no named endpoint was opened. */
	public static final String NO_ENDPOINT = "none";

	private final MeterRegistry registry;

	private final Map<ChannelSide, AtomicInteger> active = new EnumMap<>(ChannelSide.class);

	private final Map<ChannelSide, Counter> bytesReceived = new EnumMap<>(ChannelSide.class);

	private final Map<ChannelSide, Counter> bytesSent = new EnumMap<>(ChannelSide.class);

	private final Map<ChannelSide, Counter> messagesReceived = new EnumMap<>(ChannelSide.class);

	private final Map<ChannelSide, Counter> messagesSent = new EnumMap<>(ChannelSide.class);

	/**
	 * Create a recorder and register its gauges.
	 * @param registry the registry
	 */
	public MicrometerNegotiateMetricsRecorder(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
		for (ChannelSide side : ChannelSide.values()) {
			AtomicInteger count = new AtomicInteger();
			this.active.put(side, count);
			Gauge.builder(CHANNELS_ACTIVE, count, AtomicInteger::get)
				.description("Authenticated Negotiate TCP channels (sessions) open now")
				.tag(SIDE_TAG, side.value())
				.strongReference(true)
				.register(registry);
			this.bytesReceived.put(side, Counter.builder(BYTES_RECEIVED)
				.description("Bytes read from Negotiate TCP connections")
				.baseUnit("bytes")
				.tag(SIDE_TAG, side.value())
				.register(registry));
			this.bytesSent.put(side, Counter.builder(BYTES_SENT)
				.description("Bytes written to Negotiate TCP connections")
				.baseUnit("bytes")
				.tag(SIDE_TAG, side.value())
				.register(registry));
			this.messagesReceived.put(side, Counter.builder(MESSAGES_RECEIVED)
				.description("Application messages received on Negotiate TCP channels")
				.tag(SIDE_TAG, side.value())
				.register(registry));
			this.messagesSent.put(side, Counter.builder(MESSAGES_SENT)
				.description("Application messages sent on Negotiate TCP channels")
				.tag(SIDE_TAG, side.value())
				.register(registry));
		}
	}

	@Override
	public void channelOpened(ChannelSide side) {
		this.active.get(side).incrementAndGet();
	}

	@Override
	public void channelClosed(ChannelSide side) {
		this.active.get(side).decrementAndGet();
	}

	@Override
	public void bytesReceived(ChannelSide side, long bytes) {
		this.bytesReceived.get(side).increment(bytes);
	}

	@Override
	public void bytesSent(ChannelSide side, long bytes) {
		this.bytesSent.get(side).increment(bytes);
	}

	@Override
	public void messageReceived(ChannelSide side, int size) {
		this.messagesReceived.get(side).increment();
	}

	@Override
	public void messageSent(ChannelSide side, int size) {
		this.messagesSent.get(side).increment();
	}

	@Override
	public void handshakeFailed(ChannelSide side, String outcome) {
		handshakeFailed(side, outcome, null);
	}

	@Override
	public void handshakeFailed(ChannelSide side, String outcome, @Nullable String endpoint) {
		Counter.builder(HANDSHAKE_FAILURES)
			.description("Failed Negotiate TCP handshakes by outcome")
			.tag(SIDE_TAG, side.value())
			.tag(OUTCOME_TAG, outcome)
			.tag(ENDPOINT_TAG, (endpoint != null && !endpoint.isBlank()) ? endpoint : NO_ENDPOINT)
			.register(this.registry)
			.increment();
	}

}
