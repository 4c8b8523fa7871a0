package org.negotiatetcp.observation;

import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.metrics.NegotiateMetricsRecorder;

/**
 * What a server or a channel factory reports to: the {@link ObservationRegistry} of its observations (with optional
 * custom conventions) and the {@link NegotiateMetricsRecorder} of its meters. {@link #NONE} observes and records
 * nothing.
 * @param observationRegistry the registry, {@link ObservationRegistry#NOOP} for none
 * @param handshakeConvention a custom handshake convention, or {@code null} for the default
 * @param messageConvention a custom message convention, or {@code null} for the default
 * @param metricsRecorder where meters are recorded, {@link NegotiateMetricsRecorder#NONE} for nowhere
 */
public record NegotiateObservability(ObservationRegistry observationRegistry,
		@Nullable HandshakeObservationConvention handshakeConvention,
		@Nullable MessageObservationConvention messageConvention, NegotiateMetricsRecorder metricsRecorder) {

	/** Observes nothing, records nothing. */
	public static final NegotiateObservability NONE = new NegotiateObservability(ObservationRegistry.NOOP, null, null,
			NegotiateMetricsRecorder.NONE);

	/**
	 * Create the settings.
	 * @param observationRegistry the registry, {@link ObservationRegistry#NOOP} for none
	 * @param handshakeConvention a custom handshake convention, or {@code null} for the default
	 * @param messageConvention a custom message convention, or {@code null} for the default
	 * @param metricsRecorder where meters are recorded, {@link NegotiateMetricsRecorder#NONE} for nowhere
	 */
	public NegotiateObservability {
		Objects.requireNonNull(observationRegistry, "observationRegistry");
		Objects.requireNonNull(metricsRecorder, "metricsRecorder");
	}

	/**
	 * Return a copy that observes into another registry.
	 * @param registry the registry
	 * @return the copy
	 */
	public NegotiateObservability withObservationRegistry(ObservationRegistry registry) {
		return new NegotiateObservability(registry, this.handshakeConvention, this.messageConvention,
				this.metricsRecorder);
	}

	/**
	 * Return a copy with custom conventions.
	 * @param handshake the handshake convention, or {@code null} for the default
	 * @param message the message convention, or {@code null} for the default
	 * @return the copy
	 */
	public NegotiateObservability withConventions(@Nullable HandshakeObservationConvention handshake,
			@Nullable MessageObservationConvention message) {
		return new NegotiateObservability(this.observationRegistry, handshake, message, this.metricsRecorder);
	}

	/**
	 * Return a copy that records meters elsewhere.
	 * @param recorder the recorder
	 * @return the copy
	 */
	public NegotiateObservability withMetricsRecorder(NegotiateMetricsRecorder recorder) {
		return new NegotiateObservability(this.observationRegistry, this.handshakeConvention, this.messageConvention,
				recorder);
	}

	/**
	 * Whether anything at all is observed or recorded.
	 * @return {@code false} for {@link #NONE}-like settings
	 */
	public boolean isEnabled() {
		return !this.observationRegistry.isNoop() || this.metricsRecorder != NegotiateMetricsRecorder.NONE;
	}

}
