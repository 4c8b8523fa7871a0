package org.negotiatetcp.soap.service;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import reactor.core.publisher.Mono;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.soap.AddressingHeaders;
import org.negotiatetcp.soap.ReceivedEnvelope;
import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapEnvelopeReader;
import org.negotiatetcp.soap.SoapEnvelopeWriter;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlSession;
import org.negotiatetcp.soap.binary.BinaryXmlStreamReader;
import org.negotiatetcp.soap.binary.BinaryXmlStreamWriter;
import org.negotiatetcp.soap.client.ContractClient;
import org.negotiatetcp.soap.client.ServiceFaultException;
import org.negotiatetcp.soap.client.SoapClientOptions;
import org.negotiatetcp.soap.client.SoapClients;
import org.negotiatetcp.soap.session.StandardFaults;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The proxy's messages have the shape WCF's {@code DataContractSerializer} and addressing give them, and it reads a
 * reply shaped as WCF writes it: checked against a server that speaks the codec directly, no proxy machinery. Also
 * what a caller sees when the peer misbehaves (no reply, the session ended), and the service's answer to a header it
 * must understand but does not.
 */
class WcfMessageShapeTests {

	private static final String NS = "http://example.org/calculator";

	@AutoClose
	private static EmbeddedRealm realm;

	private DisposableNegotiateServer server;

	private Calculator calculator;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@AfterEach
	void stop() {
		((ContractClient) this.calculator).close();
		this.server.disposeNow(Duration.ofSeconds(10));
	}

	@Test
	void requestAndReplyAreShapedAsWcfDefaultsNameThem() {
		AtomicReference<ReceivedEnvelope> headers = new AtomicReference<>();
		AtomicReference<Element> body = new AtomicReference<>();
		start((channel) -> {
			BinaryXmlSession codec = new BinaryXmlSession();
			return channel.receiveBytes().next().flatMap((bytes) -> {
				try {
					BinaryXmlStreamReader reader = codec.newReader(bytes);
					ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
					headers.set(envelope);
					body.set(BinaryXmlDom.readElement(reader));
					BinaryXmlStreamWriter writer = codec.newWriter();
					AddressingHeaders reply = envelope.addressing().reply(envelope.addressing().action() + "Response");
					SoapEnvelopeWriter.writeStart(writer, reply);
					writer.writeStartElement("", "AddResponse", NS);
					writer.writeDefaultNamespace(NS);
					writer.writeStartElement("", "AddResult", NS);
					writer.writeCharacters("5");
					writer.writeEndElement();
					writer.writeEndElement();
					SoapEnvelopeWriter.writeEnd(writer);
					return channel.sendBytes(writer.toByteArray());
				}
				catch (Exception ex) {
					return Mono.error(ex);
				}
			}).then(channel.receive().then());
		});
		assertThat(this.calculator.add(2, 3)).isEqualTo(5);
		AddressingHeaders request = headers.get().addressing();
		assertThat(request.action()).isEqualTo("http://example.org/calculator/ICalculator/Add");
		assertThat(request.to()).isEqualTo("net.tcp://localhost:" + this.server.address().getPort() + "/calculator");
		assertThat(request.replyTo()).isEqualTo(Soap12.ANONYMOUS);
		assertThat(request.messageId()).startsWith("urn:uuid:");
		Element add = body.get();
		assertThat(add.getNamespaceURI()).isEqualTo(NS);
		assertThat(add.getLocalName()).isEqualTo("Add");
		Element a = (Element) add.getElementsByTagNameNS(NS, "a").item(0);
		Element b = (Element) add.getElementsByTagNameNS(NS, "b").item(0);
		assertThat(a.getTextContent()).isEqualTo("2");
		assertThat(b.getTextContent()).isEqualTo("3");
		assertThat(add.getChildNodes().getLength()).isEqualTo(2);
	}

	@Test
	void anActionTheServiceLacksIsRefusedWithActionNotSupported() {
		SoapServiceHandler echoOnly = SoapServiceHandler.builder().service(Echo.class, (Echo) (text) -> text).build();
		start(echoOnly::handle);
		ServiceFaultException fault = catchThrowableOfType(ServiceFaultException.class,
				() -> this.calculator.add(1, 2));
		assertThat(fault.getFault().getSubcodes()).containsExactly(StandardFaults.ACTION_NOT_SUPPORTED);
		assertThat(fault.getFault().getReason()).contains("ICalculator/Add");
	}

	@Test
	void aFaultWithoutRelatesToAsMonosServiceSendsItAnswersTheOldestPendingCall() {
		// Mono's WCF 6.8 service: its operation faults carry no RelatesTo, a bare "Sender" code and a slash-less action
		start((channel) -> {
			BinaryXmlSession codec = new BinaryXmlSession();
			return channel.receiveBytes().next().flatMap((bytes) -> {
				try {
					SoapEnvelopeReader.readHeaders(codec.newReader(bytes));
					BinaryXmlStreamWriter writer = codec.newWriter();
					SoapEnvelopeWriter.writeFaultMessage(writer,
							new AddressingHeaders(NS + "ICalculator/RefuseStockFaultFault", null, null, null, null),
							new SoapFaultException(new javax.xml.namespace.QName("", "Sender"),
									java.util.List.of(CalculatorService.REFUSED), "Refused: mono", null));
					return channel.sendBytes(writer.toByteArray());
				}
				catch (Exception ex) {
					return Mono.error(ex);
				}
			}).then(channel.receive().then());
		});
		SoapFaultException fault = catchThrowableOfType(SoapFaultException.class, () -> this.calculator.refuse("x"));
		assertThat(fault.getCode()).isEqualTo(Soap12.SENDER);
		assertThat(fault.getSubcodes()).containsExactly(CalculatorService.REFUSED);
		assertThat(fault.getReason()).isEqualTo("Refused: mono");
	}

	@Test
	void aCallWithoutReplyFailsWithTheTimeoutInsteadOfHanging() {
		start((channel) -> channel.receive().then());
		Calculator impatient = SoapClients.create(Calculator.class,
				new NegotiateChannelFactory(ClientSettings.of(realm.alice())), address(), null,
				SoapClientOptions.DEFAULTS.withOperationTimeout(Duration.ofSeconds(2)));
		try {
			NegotiateException timeout = catchThrowableOfType(NegotiateException.class, () -> impatient.add(1, 2));
			assertThat(timeout.reason()).isEqualTo(FailureReason.TIMEOUT);
			assertThat(timeout).hasMessageContaining("ICalculator/Add");
		}
		finally {
			((ContractClient) impatient).close();
		}
	}

	@Test
	void aSessionTheServerEndsFailsTheCallsInFlight() {
		// the server reads the request and ends the session without replying
		java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
		start((channel) -> {
			sessions.incrementAndGet();
			return channel.receive().next().then();
		});
		NegotiateException ended = catchThrowableOfType(NegotiateException.class, () -> this.calculator.add(1, 2));
		assertThat(ended.reason()).isEqualTo(FailureReason.CONNECTION);
		// the proxy replaces the ended session on its next call
		NegotiateException again = catchThrowableOfType(NegotiateException.class, () -> this.calculator.add(3, 4));
		assertThat(again.reason()).isEqualTo(FailureReason.CONNECTION);
		assertThat(sessions).hasValue(2);
	}

	@Test
	void aHeaderMarkedMustUnderstandThatNobodyUnderstandsGetsTheMustUnderstandFault() throws Exception {
		start(SoapServiceHandler.builder().service(new CalculatorService()).build()::handle);
		NegotiateChannel channel = new NegotiateChannelFactory(ClientSettings.of(realm.alice())).open(address())
			.block(Duration.ofSeconds(30));
		try {
			BinaryXmlSession codec = new BinaryXmlSession();
			BinaryXmlStreamWriter writer = codec.newWriter();
			AddressingHeaders request = AddressingHeaders.request(NS + "/ICalculator/Echo", address());
			writer.writeStartDocument();
			writer.writeStartElement("s", "Envelope", Soap12.ENVELOPE_NS);
			writer.writeNamespace("s", Soap12.ENVELOPE_NS);
			writer.writeNamespace("a", Soap12.ADDRESSING_NS);
			writer.writeStartElement("s", "Header", Soap12.ENVELOPE_NS);
			writer.writeStartElement("a", "Action", Soap12.ADDRESSING_NS);
			writer.writeCharacters(request.action());
			writer.writeEndElement();
			writer.writeStartElement("a", "MessageID", Soap12.ADDRESSING_NS);
			writer.writeCharacters(request.messageId());
			writer.writeEndElement();
			writer.writeStartElement("x", "Transaction", "urn:example:tx");
			writer.writeNamespace("x", "urn:example:tx");
			writer.writeAttribute("s", Soap12.ENVELOPE_NS, "mustUnderstand", "1");
			writer.writeCharacters("42");
			writer.writeEndElement();
			writer.writeEndElement();
			writer.writeStartElement("s", "Body", Soap12.ENVELOPE_NS);
			writer.writeStartElement("", "Echo", NS);
			writer.writeDefaultNamespace(NS);
			writer.writeStartElement("", "text", NS);
			writer.writeCharacters("hi");
			writer.writeEndElement();
			writer.writeEndElement();
			SoapEnvelopeWriter.writeEnd(writer);
			byte[] reply = channel.sendBytes(writer.toByteArray())
				.then(channel.receiveBytes().next())
				.block(Duration.ofSeconds(30));
			BinaryXmlStreamReader reader = codec.newReader(reply);
			ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
			assertThat(envelope.addressing().relatesTo()).isEqualTo(request.messageId());
			assertThat(envelope.addressing().action()).isEqualTo(Soap12.FAULT_ACTION);
			SoapFaultException fault = SoapEnvelopeReader.readFault(reader);
			assertThat(fault.getCode()).isEqualTo(Soap12.MUST_UNDERSTAND);
			assertThat(fault.getReason()).contains("urn:example:tx").contains("Transaction");
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

	private String address() {
		return "net.tcp://localhost:" + this.server.address().getPort() + "/calculator";
	}

	private void start(org.negotiatetcp.channel.NegotiateChannelHandler handler) {
		ServerSettings settings = new ServerSettings(ChannelMode.NET_TCP, Set.of("/calculator"),
				realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN), ChannelLimits.DEFAULTS);
		this.server = NegotiateServer.create(settings, handler).host("127.0.0.1").port(0).bindNow();
		this.calculator = SoapClients.create(Calculator.class,
				new NegotiateChannelFactory(ClientSettings.of(realm.alice())),
				"net.tcp://localhost:" + this.server.address().getPort() + "/calculator");
	}

	@org.negotiatetcp.soap.contract.ServiceContract(namespace = NS, name = "IEcho")
	interface Echo {

		@org.negotiatetcp.soap.contract.OperationContract(name = "Echo")
		String echo(String text);

	}

}
