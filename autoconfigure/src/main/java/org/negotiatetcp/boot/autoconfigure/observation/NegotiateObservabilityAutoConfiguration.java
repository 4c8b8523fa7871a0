package org.negotiatetcp.boot.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.observation.HandshakeObservationConvention;
import org.negotiatetcp.observation.MessageObservationConvention;
import org.negotiatetcp.observation.NegotiateObservability;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of what the server and
 * the client channel factory report to: the application's {@link ObservationRegistry} (observations
 * {@code negotiate.tcp.handshake} and {@code negotiate.tcp.message}, with {@link HandshakeObservationConvention} and
 * {@link MessageObservationConvention} beans if defined) and, when there is a {@link MeterRegistry}, a
 * {@link MicrometerNegotiateMetricsRecorder}. Without either, nothing is observed.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(before = { NegotiateServerAutoConfiguration.class, NegotiateClientAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
public final class NegotiateObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NegotiateObservability negotiateObservability(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<HandshakeObservationConvention> handshakeConvention,
			ObjectProvider<MessageObservationConvention> messageConvention,
			ObjectProvider<NegotiateMetricsRecorder> metricsRecorder) {
		return new NegotiateObservability(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				handshakeConvention.getIfUnique(), messageConvention.getIfUnique(),
				metricsRecorder.getIfUnique(() -> NegotiateMetricsRecorder.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsRecorderConfiguration {

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		@ConditionalOnMissingBean(NegotiateMetricsRecorder.class)
		MicrometerNegotiateMetricsRecorder negotiateMetricsRecorder(MeterRegistry meterRegistry) {
			return new MicrometerNegotiateMetricsRecorder(meterRegistry);
		}

	}

}
