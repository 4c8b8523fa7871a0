package org.negotiatetcp.samples.echo;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.health.NegotiateServerHealthIndicator;
import org.negotiatetcp.boot.test.kerberos.EmbeddedKerberos;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo server tested the way an application would with the test kit: one {@link EmbeddedKerberos} annotation
 * gives it a realm, a service keytab and a client credential; the exchange is visible in the observations, the meters
 * and the health indicator.
 */
@SpringBootTest(properties = "negotiate.tcp.server.port=0")
@EmbeddedKerberos(users = "alice", services = "host/localhost")
class EchoServerTestKitTests {

	@Autowired
	NegotiateChannelFactory factory;

	@Autowired
	TestObservationRegistry observations;

	@Autowired
	MeterRegistry meters;

	@Autowired
	NegotiateServerHealthIndicator health;

	@Value("${local.negotiate.tcp.server.port}")
	int port;

	@Test
	void echoIsObservedMeteredAndHealthy(KerberosRealm realm) {
		String reply = this.factory.open("net.tcp://localhost:" + this.port + "/echo")
			.flatMap((channel) -> channel.sendBytes("hello".getBytes())
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(new String(bytes))))
			.block(Duration.ofSeconds(30));
		assertThat(reply).isEqualTo("hello");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("negotiate.tcp.handshake")
				.hasLowCardinalityKeyValue("negotiate.side", "server")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasHighCardinalityKeyValue("negotiate.principal", realm.principal("alice")));
		assertThat(this.meters.get(MicrometerNegotiateMetricsRecorder.MESSAGES_RECEIVED).tag("negotiate.side", "server")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
