package org.negotiatetcp.boot.autoconfigure.observation;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientCustomizer;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerCustomizer;
import org.negotiatetcp.boot.autoconfigure.metrics.NegotiateMetricsAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.metrics.CredentialLifetimeMetrics;
import org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.observation.NegotiateObservability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured server and client report to the application's observation and meter registries: a real
 * handshake and exchange between them, in one context.
 */
class NegotiateObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateServerAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
				NegotiateObservabilityAutoConfiguration.class, NegotiateMetricsAutoConfiguration.class))
		.withBean(NegotiateChannelHandler.class,
				() -> (channel) -> channel.send(channel.receive().map(ByteBuf::retain)))
		.withPropertyValues(TestRealm.get().credentialProperties())
		.withPropertyValues("negotiate.tcp.server.credential=service", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.client.credential=alice");

	@Test
	void serverAndClientReportToTheApplicationsRegistries() {
		this.runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
				NegotiateChannelFactory factory = context.getBean(NegotiateChannelFactory.class);
				byte[] reply = factory.open("net.tcp://localhost:" + port + "/echo")
					.flatMap((channel) -> channel.sendBytes(new byte[] { 4, 2 })
						.then(channel.receiveBytes().next())
						.flatMap((bytes) -> channel.close().thenReturn(bytes)))
					.block(Duration.ofSeconds(30));
				assertThat(reply).containsExactly(4, 2);
				TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("negotiate.tcp.handshake", 2)
					.hasAnObservation((observation) -> observation.hasNameEqualTo("negotiate.tcp.handshake")
						.hasLowCardinalityKeyValue("negotiate.side", "client")
						.hasLowCardinalityKeyValue("outcome", "SUCCESS"))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("negotiate.tcp.handshake")
						.hasLowCardinalityKeyValue("negotiate.side", "server")
						.hasHighCardinalityKeyValue("negotiate.principal", "alice@" + TestRealm.get().realm()));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get(MicrometerNegotiateMetricsRecorder.MESSAGES_SENT).tag("negotiate.side", "client").counter()
					.count()).isEqualTo(1);
				// the client's ticket-granting ticket lifetime, from the factory's login
				context.getBean(CredentialLifetimeMetrics.class).bindTo(meters);
				assertThat(meters.get(CredentialLifetimeMetrics.REMAINING_LIFETIME).tag("negotiate.side", "client")
					.tag("negotiate.credential", "alice")
					.timeGauge().value()).isGreaterThan(60);
			});
	}

	@Test
	void namedEndpointsTagTheirObservations() {
		this.runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${test.port}/echo")
			.run((context) -> {
				int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
				TestPropertyValues.of("test.port=" + port).applyTo(context);
				context.getBean(NegotiateEndpoints.class)
					.get("orders")
					.open()
					.flatMap((channel) -> channel.close())
					.block(Duration.ofSeconds(30));
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("negotiate.tcp.handshake")
						.hasLowCardinalityKeyValue("negotiate.side", "client")
						.hasLowCardinalityKeyValue("negotiate.endpoint", "orders")
						.hasLowCardinalityKeyValue("outcome", "SUCCESS"))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("negotiate.tcp.handshake")
						.hasLowCardinalityKeyValue("negotiate.side", "server")
						.hasLowCardinalityKeyValue("negotiate.endpoint", "none"));
			});
	}

	@Test
	void nothingIsObservedWithoutRegistries() {
		this.runner.run((context) -> {
			NegotiateObservability observability = context.getBean(NegotiateObservability.class);
			assertThat(observability.observationRegistry()).isSameAs(ObservationRegistry.NOOP);
			assertThat(observability.metricsRecorder()).isSameAs(NegotiateMetricsRecorder.NONE);
			assertThat(observability.isEnabled()).isFalse();
		});
	}

	@Test
	void worksWithoutMicrometerCore() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(NegotiateObservability.class)
				.doesNotHaveBean(CredentialLifetimeMetrics.class));
	}

	@Test
	void reactorNettyMetricsAreSwitchedOnByProperty() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(NegotiateServerCustomizer.class)
			.doesNotHaveBean(NegotiateClientCustomizer.class));
		this.runner
			.withPropertyValues("negotiate.tcp.server.metrics.enabled=true", "negotiate.tcp.client.metrics.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(NegotiateServerCustomizer.class)
					.hasSingleBean(NegotiateClientCustomizer.class);
				reactor.netty.tcp.TcpServer server = context.getBean(NegotiateServerCustomizer.class)
					.customize(reactor.netty.tcp.TcpServer.create());
				assertThat(server.configuration().metricsRecorder()).isNotNull();
				io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
				context.getBeansOfType(io.micrometer.core.instrument.config.MeterFilter.class)
					.values()
					.forEach((filter) -> registry.config().meterFilter(filter));
				for (int i = 0; i < 150; i++) {
					registry.counter("reactor.netty.tcp.server.data.received", "remote.address", "10.0.0." + i)
						.increment();
				}
				assertThat(registry.find("reactor.netty.tcp.server.data.received").counters())
					.as("remote.address is capped").hasSize(100);
			});
	}

}
