package org.negotiatetcp.soap.contract;

import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import org.negotiatetcp.soap.ReceivedEnvelope;
import org.negotiatetcp.soap.SoapEnvelopeReader;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlSession;
import org.negotiatetcp.soap.binary.MonoCapture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract model against messages no one here wrote: Mono 6.8's WCF calling {@code IEcho.Echo("hi")} (C#
 * {@code [ServiceContract(Namespace = "urn:test")] interface IEcho { [OperationContract] string Echo(string s); }})
 * and its service's reply, from {@code core/src/test/resources/captures/mono-wcf-nettcp-none.txt}.
 */
class MonoWcfContractTests {

	@ServiceContract(namespace = "urn:test", name = "IEcho")
	interface Echo {

		@OperationContract(name = "Echo")
		String echo(String s);

	}

	private final OperationCodec codec = new OperationCodec(ContractModel.of(Echo.class));

	private final OperationModel echo = this.codec.contract().operations().iterator().next();

	@Test
	void defaultActionsAreWcfs() throws Exception {
		ReceivedEnvelope request = envelope(true).headers;
		ReceivedEnvelope reply = envelope(false).headers;
		assertThat(this.echo.action()).isEqualTo(request.addressing().action()).isEqualTo("urn:test/IEcho/Echo");
		assertThat(this.echo.replyAction()).isEqualTo(reply.addressing().action());
		assertThat(this.codec.contract().operationForAction(request.addressing().action())).isSameAs(this.echo);
	}

	@Test
	void monoWcfRequestAndReplyBodiesReadAsTheCallAndItsResult() throws Exception {
		assertThat(this.codec.readRequest(this.echo, envelope(true).body)).containsExactly("hi");
		assertThat(this.codec.readResponse(this.echo, envelope(false).body)).isEqualTo("echo:hi");
	}

	@Test
	void ourBodiesHaveTheShapeOfMonoWcfs() throws Exception {
		assertThat(shape(this.codec.writeRequest(this.echo, new Object[] { "hi" })))
			.isEqualTo(shape(envelope(true).body));
		assertThat(shape(this.codec.writeResponse(this.echo, "echo:hi"))).isEqualTo(shape(envelope(false).body));
	}

	/** Element names, namespaces and texts, depth first (prefixes and namespace declarations aside). */
	private static String shape(Element element) {
		StringBuilder text = new StringBuilder("{").append(element.getNamespaceURI()).append('}')
			.append(element.getLocalName()).append('[');
		boolean children = false;
		for (org.w3c.dom.Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child) {
				text.append(shape(child));
				children = true;
			}
		}
		if (!children) {
			text.append(element.getTextContent());
		}
		return text.append(']').toString();
	}

	private static Received envelope(boolean request) throws Exception {
		XMLStreamReader reader = new BinaryXmlSession().newReader(MonoCapture.envelopes(request).get(0));
		ReceivedEnvelope headers = SoapEnvelopeReader.readHeaders(reader);
		return new Received(headers, BinaryXmlDom.readElement(reader));
	}

	private record Received(ReceivedEnvelope headers, Element body) {

	}

}
