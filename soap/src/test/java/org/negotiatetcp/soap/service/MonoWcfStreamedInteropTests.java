package org.negotiatetcp.soap.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;

import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import reactor.core.publisher.Mono;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.channel.TransferMode;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.testsupport.PeerProcess;
import org.negotiatetcp.testsupport.PeerTranscript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WCF streamed transfer ({@code NetTcpBinding(SecurityMode.None) { TransferMode = TransferMode.Streamed }}, [MC-NMF]
 * singleton-unsized mode) against Mono's WCF both ways over real sockets: Mono's streamed client calls our streamed
 * server, and our streamed client calls Mono's streamed {@code ServiceHost}. A streamed binding encodes its envelopes
 * with {@code application/soap+msbin1} (0x07: binary XML without the session dictionary), which our contract layer
 * does not speak, so the envelopes are built and read here as DOM with {@link BinaryXmlDom}. What these tests found
 * is in {@code peers/mono-wcf/FINDINGS.md}.
 */
@Tag("interop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MonoWcfStreamedInteropTests {

	private static final Duration PEER_TIMEOUT = Duration.ofSeconds(120);

	private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";

	private static final String ADDRESSING = "http://www.w3.org/2005/08/addressing";

	private static final String CALCULATOR = "http://example.org/calculator";

	@TempDir
	static Path build;

	private static MonoWcfPeer peer;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void compile() {
		if (MonoWcfPeer.unavailableReason().isEmpty()) {
			peer = MonoWcfPeer.compile(build);
		}
	}

	@BeforeEach
	void requireMono() {
		String reason = MonoWcfPeer.unavailableReason();
		Assumptions.assumeTrue(reason.isEmpty(), () -> "Mono's WCF is not installed here: " + reason);
	}

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void monoStreamedClientCallsOurStreamedServer() {
		List<String> received = new CopyOnWriteArrayList<>();
		AcceptorSettings anonymous = AcceptorSettings
			.ntlm(new InMemoryNtlmAccountStore().add("EXAMPLE", "unused", "unused".toCharArray()))
			.allowingAnonymousClients();
		ServerSettings settings = new ServerSettings(ChannelMode.NET_TCP, Set.of("/calculator"), anonymous,
				ChannelLimits.DEFAULTS)
			.withSecurityMode(SecurityMode.NONE)
			.withStreamedTransfer(true);
		DisposableNegotiateServer server = NegotiateServer.create(settings, (channel) -> channel.receive()
			.next()
			.flatMap((request) -> {
				// read inside onNext: the channel releases the buffer when onNext returns
				Document document = parse(ByteBufUtil.getBytes(request));
				String text = text(document, CALCULATOR, "text");
				received.add(text(document, ADDRESSING, "Action") + " " + text);
				return channel.sendBytes(echoResponse(text(document, ADDRESSING, "MessageID"), "java:" + text));
			})
			.doOnError((ex) -> received.add("failed: " + ex))).host("127.0.0.1").port(0).bindNow();
		this.resources.add(() -> server.disposeNow(Duration.ofSeconds(10)));
		PeerTranscript client = peer.streamedClient("net.tcp://127.0.0.1:" + server.address().getPort() + "/calculator")
			.awaitExit(PEER_TIMEOUT);
		assertThat(client.stdout()).as(() -> client + "\nreceived by our server: " + received)
			.contains("RESULT echo java:streamed", "RESULT echo java:again", "DONE");
		assertThat(client.exitCode()).isZero();
		assertThat(received).containsExactly(CALCULATOR + "/ICalculator/Echo streamed",
				CALCULATOR + "/ICalculator/Echo again");
	}

	@Test
	void ourStreamedClientCallsTheMonoStreamedService() {
		PeerProcess service = peer.streamedService();
		this.resources.add(service);
		int port = service.awaitListening(PEER_TIMEOUT);
		String address = "net.tcp://127.0.0.1:" + port + "/calculator";
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("unused", "unused".toCharArray()))
					.withSecurityMode(SecurityMode.NONE)
					.withTransferMode(TransferMode.STREAMED)
					.withContentType("application/soap+msbin1"));
		this.resources.add(factory::close);
		for (String text : new String[] { "from java", "grüße <&>" }) {
			String messageId = "urn:uuid:" + UUID.randomUUID();
			Document reply = factory.open(address)
				.flatMap((channel) -> call(channel, echoRequest(address, messageId, text)))
				.block(Duration.ofSeconds(60));
			assertThat(text(reply, ADDRESSING, "Action")).isEqualTo(CALCULATOR + "/ICalculator/EchoResponse");
			assertThat(text(reply, ADDRESSING, "RelatesTo")).isEqualTo(messageId);
			assertThat(text(reply, CALCULATOR, "EchoResult")).isEqualTo("echo:" + text);
		}
	}

	private static Mono<Document> call(NegotiateChannel channel, byte[] request) {
		return channel.sendBytes(request)
			.then(channel.receive().next())
			.map((reply) -> parse(ByteBufUtil.getBytes(reply)))
			.flatMap((reply) -> channel.close().thenReturn(reply));
	}

	private static byte[] echoRequest(String to, String messageId, String text) {
		Document document = newDocument();
		Element header = envelope(document);
		addressing(header, "Action", CALCULATOR + "/ICalculator/Echo").setAttributeNS(SOAP, "s:mustUnderstand", "1");
		addressing(header, "MessageID", messageId);
		Element replyTo = (Element) header.appendChild(document.createElementNS(ADDRESSING, "a:ReplyTo"));
		addressing(replyTo, "Address", ADDRESSING + "/anonymous");
		addressing(header, "To", to).setAttributeNS(SOAP, "s:mustUnderstand", "1");
		Element echo = (Element) body(document).appendChild(document.createElementNS(CALCULATOR, "Echo"));
		echo.appendChild(document.createElementNS(CALCULATOR, "text")).setTextContent(text);
		return bytes(document);
	}

	private static byte[] echoResponse(String relatesTo, String result) {
		Document document = newDocument();
		Element header = envelope(document);
		addressing(header, "Action", CALCULATOR + "/ICalculator/EchoResponse").setAttributeNS(SOAP, "s:mustUnderstand",
				"1");
		addressing(header, "RelatesTo", relatesTo);
		Element response = (Element) body(document).appendChild(document.createElementNS(CALCULATOR, "EchoResponse"));
		response.appendChild(document.createElementNS(CALCULATOR, "EchoResult")).setTextContent(result);
		return bytes(document);
	}

	private static Element envelope(Document document) {
		Element envelope = document.createElementNS(SOAP, "s:Envelope");
		envelope.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:a", ADDRESSING);
		document.appendChild(envelope);
		Element header = document.createElementNS(SOAP, "s:Header");
		envelope.appendChild(header);
		envelope.appendChild(document.createElementNS(SOAP, "s:Body"));
		return header;
	}

	private static Element body(Document document) {
		return (Element) document.getDocumentElement().getElementsByTagNameNS(SOAP, "Body").item(0);
	}

	private static Element addressing(Element parent, String name, String value) {
		Element element = parent.getOwnerDocument().createElementNS(ADDRESSING, "a:" + name);
		element.setTextContent(value);
		parent.appendChild(element);
		return element;
	}

	private static String text(Document document, String namespace, String name) {
		return document.getElementsByTagNameNS(namespace, name).item(0).getTextContent();
	}

	private static Document newDocument() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder().newDocument();
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(Document document) {
		try {
			return BinaryXmlDom.toBytes(document);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Document parse(byte[] message) {
		try {
			return BinaryXmlDom.parse(message, BinaryXmlQuotas.DEFAULTS);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Not binary XML: " + new String(message, StandardCharsets.ISO_8859_1), ex);
		}
	}

}
