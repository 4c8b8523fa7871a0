package org.negotiatetcp.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real handshakes and exchanges over sockets with an embedded KDC, observed with a {@link TestObservationRegistry}
 * and a {@link SimpleMeterRegistry} on each side.
 */
class ChannelObservationTests {

	@AutoClose
	private static EmbeddedRealm realm;

	private final TestObservationRegistry serverObservations = TestObservationRegistry.create();

	private final TestObservationRegistry clientObservations = TestObservationRegistry.create();

	private final MeterRegistry serverMeters = new SimpleMeterRegistry();

	private final MeterRegistry clientMeters = new SimpleMeterRegistry();

	private final List<Observation.Context> serverStopped = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> clientStopped = new CopyOnWriteArrayList<>();

	@AutoClose
	private final TestServer server = new TestServer();

	ChannelObservationTests() {
		this.serverObservations.observationConfig().observationHandler(new StopRecorder(this.serverStopped));
		this.clientObservations.observationConfig().observationHandler(new StopRecorder(this.clientStopped));
	}

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start("host/elsewhere");
	}

	private void startServer(ProtectionLevel required) {
		AcceptorSettings acceptor = realm.acceptor(required);
		this.server.start(this.server
			.echoServer(TestServer.echoSettings(ChannelMode.NET_TCP, acceptor), (buf) -> Unpooled.copiedBuffer(buf))
			.observationRegistry(this.serverObservations)
			.metricsRecorder(new MicrometerNegotiateMetricsRecorder(this.serverMeters)));
	}

	private NegotiateChannelFactory factory(ProtectionLevel protection) {
		return new NegotiateChannelFactory(
				ClientSettings.of(realm.alice()).withProtectionLevel(protection))
			.observationRegistry(this.clientObservations)
			.metricsRecorder(new MicrometerNegotiateMetricsRecorder(this.clientMeters));
	}

	private String address(String path) {
		return "net.tcp://localhost:" + this.server.port() + path;
	}

	@Test
	void handshakeAndMessagesAreObservedOnBothSides() {
		startServer(ProtectionLevel.SIGN);
		String address = address("/echo");
		AtomicReference<String> serverPrincipal = new AtomicReference<>();
		List<String> replies = factory(ProtectionLevel.ENCRYPT_AND_SIGN).open(address)
			.flatMapMany((channel) -> {
				serverPrincipal.set(channel.securityInfo().peerName());
				assertThat(gauge(this.clientMeters, "client")).isEqualTo(1);
				return channel.send(Flux.just("one", "two").map((s) -> Unpooled.copiedBuffer(s, StandardCharsets.UTF_8)))
					.thenMany(channel.receive().take(2).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
					.concatWith(channel.close().then(Mono.empty()));
			})
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(replies).containsExactly("one", "two");
		await(() -> this.server.get().activeSessions() == 0 && gauge(this.serverMeters, "server") == 0);

		for (TestObservationRegistry registry : List.of(this.serverObservations, this.clientObservations)) {
			String side = (registry == this.serverObservations) ? "server" : "client";
			String principal = (registry == this.serverObservations) ? "alice@" + realm.kdc().realm()
					: serverPrincipal.get();
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("negotiate.tcp.handshake", 1)
				.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts.stream()
					.filter((context) -> context instanceof MessageObservationContext)
					.map((context) -> ((MessageObservationContext) context).getDirection())).containsExactlyInAnyOrder(
							MessageDirection.SENT, MessageDirection.SENT, MessageDirection.RECEIVED,
							MessageDirection.RECEIVED));
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.doesNotHaveError()
				.hasContextualNameEqualTo("negotiate " + side + " handshake")
				.hasLowCardinalityKeyValue("negotiate.side", side)
				.hasLowCardinalityKeyValue("negotiate.mode", "net.tcp")
				.hasLowCardinalityKeyValue("negotiate.auth.package", "spnego")
				.hasLowCardinalityKeyValue("negotiate.mechanism", "kerberos")
				.hasLowCardinalityKeyValue("negotiate.protection.level", "encrypt_and_sign")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasHighCardinalityKeyValue("negotiate.principal", principal)
				.hasHighCardinalityKeyValue("negotiate.via", address);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("negotiate.tcp.message")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasLowCardinalityKeyValue("negotiate.protection.level", "encrypt_and_sign")
				.hasHighCardinalityKeyValue("negotiate.principal", principal);
		}

		for (String side : List.of("server", "client")) {
			MeterRegistry meters = side.equals("server") ? this.serverMeters : this.clientMeters;
			assertThat(counter(meters, MicrometerNegotiateMetricsRecorder.MESSAGES_RECEIVED, side)).isEqualTo(2);
			assertThat(counter(meters, MicrometerNegotiateMetricsRecorder.MESSAGES_SENT, side)).isEqualTo(2);
			assertThat(counter(meters, MicrometerNegotiateMetricsRecorder.BYTES_RECEIVED, side)).isGreaterThan(100);
			assertThat(counter(meters, MicrometerNegotiateMetricsRecorder.BYTES_SENT, side)).isGreaterThan(100);
			assertThat(gauge(meters, side)).isZero();
			assertThat(meters.find(MicrometerNegotiateMetricsRecorder.HANDSHAKE_FAILURES).counters()).isEmpty();
		}
		// what one side sent is what the other received
		assertThat(counter(this.serverMeters, MicrometerNegotiateMetricsRecorder.BYTES_RECEIVED, "server"))
			.isEqualTo(counter(this.clientMeters, MicrometerNegotiateMetricsRecorder.BYTES_SENT, "client"));
	}

	@Test
	void clientBelowTheRequiredProtectionIsRefusedAndObservedAsPolicy() {
		startServer(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThatExceptionOfType(NegotiateException.class)
			.isThrownBy(() -> factory(ProtectionLevel.SIGN).open(address("/echo")).block(Duration.ofSeconds(30)));
		awaitStopped(this.serverObservations);
		TestObservationRegistryAssert.assertThat(this.serverObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "POLICY")
			.hasLowCardinalityKeyValue("negotiate.protection.level", "sign")
			.hasHighCardinalityKeyValue("negotiate.principal", "alice@" + realm.kdc().realm());
		TestObservationRegistryAssert.assertThat(this.clientObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "POLICY");
		assertThat(failures(this.serverMeters, "server", "POLICY")).isEqualTo(1);
		assertThat(failures(this.clientMeters, "client", "POLICY")).isEqualTo(1);
		TestObservationRegistryAssert.assertThat(this.serverObservations)
			.hasNumberOfObservationsWithNameEqualTo("negotiate.tcp.message", 0);
	}

	@Test
	void ticketForAnotherServiceIsRefusedAndObservedAsWrongTarget() {
		startServer(ProtectionLevel.SIGN);
		// a valid ticket, but for a principal the server's keytab does not hold
		assertThatExceptionOfType(NegotiateException.class).isThrownBy(() -> factory(ProtectionLevel.SIGN)
			.open(address("/echo"), new EndpointIdentity.Spn("host/elsewhere"))
			.block(Duration.ofSeconds(30)));
		awaitStopped(this.serverObservations);
		TestObservationRegistryAssert.assertThat(this.serverObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "WRONG_TARGET")
			.hasLowCardinalityKeyValue("negotiate.auth.package", "unknown")
			.hasHighCardinalityKeyValue("negotiate.principal", "unknown");
		assertThat(failures(this.serverMeters, "server", "WRONG_TARGET")).isEqualTo(1);
		assertThat(gauge(this.serverMeters, "server")).isZero();
	}

	@Test
	void unknownViaIsObservedWithTheFaultName() {
		startServer(ProtectionLevel.SIGN);
		assertThatExceptionOfType(NegotiateException.class).isThrownBy(
				() -> factory(ProtectionLevel.SIGN).open(address("/nowhere")).block(Duration.ofSeconds(30)));
		awaitStopped(this.serverObservations);
		awaitStopped(this.clientObservations);
		for (TestObservationRegistry registry : List.of(this.serverObservations, this.clientObservations)) {
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
				.that()
				.hasError()
				.hasLowCardinalityKeyValue("outcome", "EndpointNotFound");
		}
		assertThat(failures(this.serverMeters, "server", "EndpointNotFound")).isEqualTo(1);
		assertThat(failures(this.clientMeters, "client", "EndpointNotFound")).isEqualTo(1);
	}

	@Test
	void namedEndpointTagsTheClientsObservationsAndFailures() {
		startServer(ProtectionLevel.SIGN);
		byte[] reply = factory(ProtectionLevel.SIGN).open(address("/echo"))
			.flatMap((channel) -> channel.sendBytes(new byte[] { 7 })
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(bytes)))
			.contextWrite(Context.of(NegotiateObservationContext.ENDPOINT_CONTEXT_KEY, "orders"))
			.block(Duration.ofSeconds(30));
		assertThat(reply).containsExactly(7);
		assertThatExceptionOfType(NegotiateException.class).isThrownBy(() -> factory(ProtectionLevel.SIGN)
			.open(address("/nowhere"))
			.contextWrite(Context.of(NegotiateObservationContext.ENDPOINT_CONTEXT_KEY, "orders"))
			.block(Duration.ofSeconds(30)));
		await(() -> this.clientStopped.size() >= 4 && this.serverStopped.size() >= 4);
		TestObservationRegistryAssert.assertThat(this.clientObservations)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.extracting((context) -> context.getLowCardinalityKeyValue("negotiate.endpoint").getValue())
				.hasSize(4)
				.containsOnly("orders"));
		TestObservationRegistryAssert.assertThat(this.serverObservations)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.extracting((context) -> context.getLowCardinalityKeyValue("negotiate.endpoint").getValue())
				.containsOnly("none"));
		assertThat(this.clientMeters.get(MicrometerNegotiateMetricsRecorder.HANDSHAKE_FAILURES)
			.tag("negotiate.side", "client")
			.tag("outcome", "EndpointNotFound")
			.tag("negotiate.endpoint", "orders")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.serverMeters.get(MicrometerNegotiateMetricsRecorder.HANDSHAKE_FAILURES)
			.tag("negotiate.endpoint", "none")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void connectionRefusedIsObservedOnTheClient() throws Exception {
		int closedPort;
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		assertThatExceptionOfType(NegotiateException.class).isThrownBy(() -> factory(ProtectionLevel.SIGN)
			.open("net.tcp://localhost:" + closedPort + "/echo")
			.block(Duration.ofSeconds(30)));
		TestObservationRegistryAssert.assertThat(this.clientObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "CONNECTION");
		assertThat(failures(this.clientMeters, "client", "CONNECTION")).isEqualTo(1);
	}

	@Test
	void clientHandshakeIsAChildOfTheCallersObservation() {
		startServer(ProtectionLevel.SIGN);
		Observation parent = Observation.start("caller", this.clientObservations);
		factory(ProtectionLevel.SIGN).open(address("/echo"))
			.flatMap((channel) -> channel.close())
			.contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, parent))
			.block(Duration.ofSeconds(30));
		parent.stop();
		TestObservationRegistryAssert.assertThat(this.clientObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void silentClientIsObservedAsTimeout() throws Exception {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.SIGN);
		this.server.start(NegotiateServer
			.create(new ServerSettings(ChannelMode.RAW, Set.of(), acceptor,
					ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofMillis(300))), (channel) -> Mono.never())
			.observationRegistry(this.serverObservations)
			.metricsRecorder(new MicrometerNegotiateMetricsRecorder(this.serverMeters)));
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.server.port())) {
			awaitStopped(this.serverObservations);
		}
		TestObservationRegistryAssert.assertThat(this.serverObservations)
			.hasObservationWithNameEqualTo("negotiate.tcp.handshake")
			.that()
			.hasError()
			.hasLowCardinalityKeyValue("negotiate.mode", "raw")
			.hasLowCardinalityKeyValue("outcome", "TIMEOUT");
		assertThat(failures(this.serverMeters, "server", "TIMEOUT")).isEqualTo(1);
	}

	@Test
	void nothingIsObservedWithoutARegistry() {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.SIGN);
		this.server.start(NegotiateServer.create(
				new ServerSettings(ChannelMode.NET_TCP, Set.of(), acceptor, ChannelLimits.DEFAULTS),
				(channel) -> channel.send(channel.receive().map((buf) -> Unpooled.copiedBuffer(buf)))));
		byte[] reply = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.open(address("/echo"))
			.flatMap((channel) -> channel.sendBytes(new byte[] { 1, 2, 3 })
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(bytes)))
			.block(Duration.ofSeconds(30));
		assertThat(reply).containsExactly(1, 2, 3);
		TestObservationRegistryAssert.assertThat(this.serverObservations).doesNotHaveAnyObservation();
		assertThat(this.serverMeters.getMeters()).isEmpty();
	}

	@Test
	void metersAreTaggedWithTheObservationsLowCardinalityKeys() {
		assertThat(MicrometerNegotiateMetricsRecorder.SIDE_TAG)
			.isEqualTo(NegotiateObservationDocumentation.LowCardinalityKeyNames.SIDE.asString());
		assertThat(MicrometerNegotiateMetricsRecorder.OUTCOME_TAG)
			.isEqualTo(NegotiateObservationDocumentation.LowCardinalityKeyNames.OUTCOME.asString());
		assertThat(MicrometerNegotiateMetricsRecorder.ENDPOINT_TAG)
			.isEqualTo(NegotiateObservationDocumentation.LowCardinalityKeyNames.ENDPOINT.asString());
	}

	private static double counter(MeterRegistry meters, String name, String side) {
		return meters.get(name).tag("negotiate.side", side).counter().count();
	}

	private static double gauge(MeterRegistry meters, String side) {
		return meters.get(MicrometerNegotiateMetricsRecorder.CHANNELS_ACTIVE).tag("negotiate.side", side).gauge().value();
	}

	private static double failures(MeterRegistry meters, String side, String reason) {
		return Search.in(meters)
			.name(MicrometerNegotiateMetricsRecorder.HANDSHAKE_FAILURES)
			.tag("negotiate.side", side)
			.tag("outcome", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private void awaitStopped(TestObservationRegistry registry) {
		List<Observation.Context> stopped = (registry == this.serverObservations) ? this.serverStopped
				: this.clientStopped;
		await(() -> !stopped.isEmpty());
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within 10 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private record StopRecorder(List<Observation.Context> stopped) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
