package org.negotiatetcp.soap.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.client.ContractClient;
import org.negotiatetcp.soap.client.ServiceFaultException;
import org.negotiatetcp.soap.client.SoapClients;
import org.negotiatetcp.soap.contract.FaultDetails;
import org.negotiatetcp.soap.session.StandardFaults;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A contract proxy calling a service over a real Kerberos-authenticated {@code net.tcp} channel (embedded KDC, real
 * sockets): primitives, a data contract, faults, one-way calls, concurrent calls on one session.
 */
class SoapServiceTests {

	@AutoClose
	private static EmbeddedRealm realm;

	private final AtomicInteger sessions = new AtomicInteger();

	private final CalculatorService service = new CalculatorService();

	private DisposableNegotiateServer server;

	private Calculator calculator;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	void start() {
		SoapServiceHandler handler = SoapServiceHandler.builder().service(this.service).build();
		ServerSettings settings = new ServerSettings(ChannelMode.NET_TCP, Set.of("/calculator"),
				realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN), ChannelLimits.DEFAULTS);
		this.server = NegotiateServer.create(settings, (channel) -> {
			this.sessions.incrementAndGet();
			return handler.handle(channel);
		}).host("127.0.0.1").port(0).bindNow();
		this.calculator = SoapClients.create(Calculator.class,
				new NegotiateChannelFactory(ClientSettings.of(realm.alice())),
				"net.tcp://localhost:" + this.server.address().getPort() + "/calculator");
	}

	@AfterEach
	void stop() {
		if (this.calculator != null) {
			((ContractClient) this.calculator).close();
		}
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(10));
		}
	}

	@Test
	void primitivesAndStringsGoBothWays() {
		start();
		assertThat(this.calculator.add(2, 3)).isEqualTo(5);
		assertThat(this.calculator.add(-7, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE - 7);
		assertThat(this.calculator.echo("grüße <&>")).isEqualTo("echo:grüße <&>");
		assertThat(this.calculator.echo(null)).isEqualTo("echo:null");
		assertThat(this.sessions).hasValue(1);
	}

	@Test
	void dataContractRoundTrips() {
		start();
		Order priced = this.calculator.price(new Order(41, "book", new BigDecimal("12.50")), new BigDecimal("2"));
		assertThat(priced.getId()).isEqualTo(42);
		assertThat(priced.getItem()).isEqualTo("book");
		assertThat(priced.getTotal()).isEqualByComparingTo("25.00");
		Order unnamed = this.calculator.price(new Order(1, null, BigDecimal.ONE), BigDecimal.TEN);
		assertThat(unnamed.getItem()).isNull();
	}

	@Test
	void declaredFaultIsThrownAsTheFaultAndTheSessionGoesOn() {
		start();
		SoapFaultException fault = catchThrowableOfType(SoapFaultException.class,
				() -> this.calculator.refuse("no stock"));
		assertThat(fault.getCode()).isEqualTo(Soap12.SENDER);
		assertThat(fault.getSubcodes()).containsExactly(CalculatorService.REFUSED);
		assertThat(fault.getReason()).isEqualTo("Refused: no stock");
		assertThat(fault.getDetail()).isNotNull();
		assertThat(fault.getDetail().getNamespaceURI()).isEqualTo(Order.NS);
		assertThat(fault.getDetail().getLocalName()).isEqualTo("StockFault");
		StockFault detail = FaultDetails.fromElement(fault.getDetail(), StockFault.class);
		assertThat(detail.getItem()).isEqualTo("no stock");
		assertThat(detail.getLeft()).isEqualTo(3);
		assertThat(this.calculator.add(1, 1)).isEqualTo(2);
		assertThat(this.sessions).hasValue(1);
	}

	@Test
	void reactiveCallFailsWithTheTypedFaultAndItsDetail() {
		start();
		ServiceFaultException fault = catchThrowableOfType(ServiceFaultException.class,
				() -> this.calculator.refuseLater("sold out").block(Duration.ofSeconds(30)));
		assertThat(fault.getFault().getSubcodes()).containsExactly(CalculatorService.REFUSED);
		StockFault detail = fault.getDetail(StockFault.class);
		assertThat(detail.getItem()).isEqualTo("sold out");
		assertThat(detail.getLeft()).isEqualTo(3);
	}

	@Test
	void unhandledExceptionIsAnInternalErrorFaultWithoutItsDetails() {
		start();
		ServiceFaultException fault = catchThrowableOfType(ServiceFaultException.class, () -> this.calculator.crash());
		assertThat(fault.getFault().getCode()).isEqualTo(Soap12.RECEIVER);
		assertThat(fault.getFault().getSubcodes()).containsExactly(StandardFaults.INTERNAL_SERVICE_FAULT);
		assertThat(fault).hasMessageNotContaining("secret");
		assertThat(this.calculator.echo("still")).isEqualTo("echo:still");
	}

	@Test
	void oneWayCallsArriveInOrderWithoutReplies() {
		start();
		this.calculator.note("a");
		this.calculator.note("b");
		this.calculator.note("c");
		// a request after them on the same session is handled after they were decoded; one-way calls run
		// concurrently, so wait for all three
		String notes = "";
		for (int i = 0; i < 100 && !notes.equals("a,b,c"); i++) {
			notes = this.calculator.notes();
			if (!notes.equals("a,b,c")) {
				sleep();
			}
		}
		assertThat(notes.split(",")).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(this.sessions).hasValue(1);
	}

	@Test
	void concurrentCallsShareOneSessionAndGetTheirOwnReplies() throws Exception {
		start();
		assertThat(this.calculator.add(0, 0)).isZero();
		ExecutorService executor = Executors.newFixedThreadPool(CalculatorService.PARTIES);
		try {
			List<Callable<String>> calls = new java.util.ArrayList<>();
			for (int i = 0; i < CalculatorService.PARTIES; i++) {
				String name = "call" + i;
				calls.add(() -> this.calculator.rendezvous(name));
			}
			List<String> replies = new java.util.ArrayList<>();
			for (Future<String> reply : executor.invokeAll(calls)) {
				replies.add(reply.get());
			}
			assertThat(replies).containsExactly("met:call0", "met:call1", "met:call2", "met:call3");
		}
		finally {
			executor.shutdownNow();
		}
		List<String> reactive = Flux.range(0, 20)
			.flatMap((i) -> this.calculator.later("r" + i))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(reactive).hasSize(20).allMatch((reply) -> reply.startsWith("later:r"));
		assertThat(reactive).doesNotHaveDuplicates();
		assertThat(this.sessions).hasValue(1);
	}

	@Test
	void aClosedProxyOpensANewSessionOnItsNextCall() {
		start();
		assertThat(this.calculator.add(1, 2)).isEqualTo(3);
		((ContractClient) this.calculator).close();
		assertThat(this.calculator.add(3, 4)).isEqualTo(7);
		assertThat(this.sessions).hasValue(2);
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
