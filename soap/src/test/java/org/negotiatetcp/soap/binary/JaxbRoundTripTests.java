package org.negotiatetcp.soap.binary;

import java.util.List;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JAXB on top of the StAX types: a SOAP 1.2 envelope with WS-Addressing 1.0 headers marshalled to binary XML in a
 * session and unmarshalled back, on both sides of a session.
 */
class JaxbRoundTripTests {

	static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

	static final String WSA10 = "http://www.w3.org/2005/08/addressing";

	@Test
	void soapEnvelopeWithAddressingHeadersRoundTripsThroughABinarySession() throws Exception {
		JAXBContext context = JAXBContext.newInstance(Envelope.class);
		BinaryXmlSession client = new BinaryXmlSession();
		BinaryXmlSession server = new BinaryXmlSession();
		for (int call = 0; call < 2; call++) {
			Envelope sent = envelope("urn:uuid:6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f" + call, "hi " + call);
			BinaryXmlStreamWriter writer = client.newWriter();
			Marshaller marshaller = context.createMarshaller();
			marshaller.marshal(sent, writer);
			byte[] message = writer.toByteArray();

			Envelope received = (Envelope) context.createUnmarshaller().unmarshal(server.newReader(message));
			assertThat(received.header.action.value).isEqualTo("urn:test/IEcho/Echo");
			assertThat(received.header.action.mustUnderstand).isTrue();
			assertThat(received.header.messageId).isEqualTo(sent.header.messageId);
			assertThat(received.header.replyTo.address).isEqualTo(WSA10 + "/anonymous");
			assertThat(received.header.to.value).isEqualTo("net.tcp://localhost:8080/echo");
			assertThat(received.body.echo.text).isEqualTo("hi " + call);
			assertThat(received.body.echo.numbers).containsExactly(1, 20, 300);
		}
		assertThat(client.sentDictionary().count()).as("urn:test, Echo, text, n: announced once")
			.isEqualTo(server.receivedDictionary().count())
			.isPositive();
	}

	@Test
	void unmarshallingAMalformedMessageReportsTheTypedCause() throws Exception {
		JAXBContext context = JAXBContext.newInstance(Envelope.class);
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		context.createMarshaller().marshal(envelope("urn:uuid:6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "x"), writer);
		byte[] message = writer.toByteArray();
		byte[] truncated = java.util.Arrays.copyOf(message, message.length - 3);
		assertThatExceptionOfType(UnmarshalException.class)
			.isThrownBy(() -> context.createUnmarshaller()
				.unmarshal(BinaryXml.newReader(truncated, BinaryXmlQuotas.DEFAULTS)))
			.satisfies((ex) -> assertThat(ex.getLinkedException()).isInstanceOf(MalformedBinaryXmlException.class));
	}

	private static Envelope envelope(String messageId, String text) {
		Envelope envelope = new Envelope();
		envelope.header = new Header();
		envelope.header.action = new MustUnderstand();
		envelope.header.action.mustUnderstand = true;
		envelope.header.action.value = "urn:test/IEcho/Echo";
		envelope.header.messageId = messageId;
		envelope.header.replyTo = new EndpointReference();
		envelope.header.replyTo.address = WSA10 + "/anonymous";
		envelope.header.to = new MustUnderstand();
		envelope.header.to.mustUnderstand = true;
		envelope.header.to.value = "net.tcp://localhost:8080/echo";
		envelope.body = new Body();
		envelope.body.echo = new Echo();
		envelope.body.echo.text = text;
		envelope.body.echo.numbers = List.of(1, 20, 300);
		return envelope;
	}

	@XmlRootElement(name = "Envelope", namespace = SOAP12)
	@XmlAccessorType(XmlAccessType.FIELD)
	@XmlType(propOrder = { "header", "body" })
	public static class Envelope {

		@XmlElement(name = "Header", namespace = SOAP12)
		Header header;

		@XmlElement(name = "Body", namespace = SOAP12)
		Body body;

	}

	@XmlAccessorType(XmlAccessType.FIELD)
	@XmlType(propOrder = { "action", "messageId", "replyTo", "to" })
	public static class Header {

		@XmlElement(name = "Action", namespace = WSA10)
		MustUnderstand action;

		@XmlElement(name = "MessageID", namespace = WSA10)
		String messageId;

		@XmlElement(name = "ReplyTo", namespace = WSA10)
		EndpointReference replyTo;

		@XmlElement(name = "To", namespace = WSA10)
		MustUnderstand to;

	}

	@XmlAccessorType(XmlAccessType.FIELD)
	public static class MustUnderstand {

		@XmlAttribute(name = "mustUnderstand", namespace = SOAP12)
		boolean mustUnderstand;

		@jakarta.xml.bind.annotation.XmlValue
		String value;

	}

	@XmlAccessorType(XmlAccessType.FIELD)
	public static class EndpointReference {

		@XmlElement(name = "Address", namespace = WSA10)
		String address;

	}

	@XmlAccessorType(XmlAccessType.FIELD)
	public static class Body {

		@XmlElement(name = "Echo", namespace = "urn:test")
		Echo echo;

	}

	@XmlAccessorType(XmlAccessType.FIELD)
	@XmlType(propOrder = { "text", "numbers" })
	public static class Echo {

		@XmlElement(name = "text", namespace = "urn:test")
		String text;

		@XmlElement(name = "n", namespace = "urn:test")
		List<Integer> numbers;

	}

}
