package org.negotiatetcp.soap.binary;

import java.util.List;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.soap.binary.Infoset.hex;

/**
 * [MC-NBFSE]: the string table before each message, odd session ids that keep their meaning for the rest of the
 * session, independent directions, and the {@code MaxSessionSize} quota.
 */
class BinaryXmlSessionTests {

	private static final String NS = "urn:example:orders";

	@Test
	void stringTableGivesOddIdsThatLaterMessagesReuse() throws Exception {
		BinaryXmlSession session = new BinaryXmlSession();
		// table: "Order", "Item"; document: <Order><Item>1</Item></Order> with ids 1 and 3
		byte[] first = hex("0B 05 4F72646572 04 4974656D" + "42 01 42 03 83 01");
		assertThat(Infoset.render(session.newReader(first))).isEqualTo("<Order><Item>1</Item></Order>");
		// empty table; the ids still name the strings of the first message
		byte[] second = hex("00 42 03 99 01 78");
		assertThat(Infoset.render(session.newReader(second))).isEqualTo("<Item>x</Item>");
		assertThat(session.receivedDictionary().count()).isEqualTo(2);
		assertThat(session.receivedDictionary().size()).isEqualTo(9);
	}

	@Test
	void sessionIdUnknownToThisSessionIsMalformed() throws Exception {
		assertThatExceptionOfType(MalformedBinaryXmlException.class)
			.isThrownBy(() -> Infoset.render(new BinaryXmlSession().newReader(hex("00 42 03 99 01 78"))))
			.withMessageContaining("0x3 names no string");
	}

	@Test
	void sessionIdInAMessageWithoutSessionIsMalformed() throws Exception {
		assertThatExceptionOfType(MalformedBinaryXmlException.class)
			.isThrownBy(() -> NbfxRecordTests.read("42 01 01"))
			.withMessageContaining("outside a binary session");
	}

	@Test
	void writerAnnouncesEachNewStringOnceAndTheReaderFollows() throws Exception {
		BinaryXmlSession sender = new BinaryXmlSession();
		BinaryXmlSession receiver = new BinaryXmlSession();
		for (int i = 0; i < 3; i++) {
			BinaryXmlStreamWriter writer = sender.newWriter();
			writer.writeStartElement("o", "Order", NS);
			writer.writeNamespace("o", NS);
			writer.writeStartElement("o", "Item", NS);
			writer.writeInt(i);
			writer.writeEndElement();
			writer.writeEndElement();
			byte[] message = writer.toByteArray();
			if (i == 0) {
				assertThat(message[0]).as("first message: a string table").isPositive();
			}
			else {
				assertThat(message[0]).as("later messages: nothing new to announce").isZero();
			}
			assertThat(Infoset.infoset(receiver.newReader(message))).containsExactly("start {" + NS + "}Order",
					"start {" + NS + "}Item", "text " + i, "end {" + NS + "}Item", "end {" + NS + "}Order");
		}
		assertThat(sender.sentDictionary().count()).isEqualTo(3);
		assertThat(receiver.receivedDictionary().count()).isEqualTo(3);
		assertThat(List.of(receiver.receivedDictionary().get(1), receiver.receivedDictionary().get(3),
				receiver.receivedDictionary().get(5))).containsExactly("Order", NS, "Item");
		assertThat(sender.receivedDictionary().count()).as("the other direction is independent").isZero();
	}

	@Test
	void receivedStringsBeyondMaxSessionSizeAreAQuotaError() throws Exception {
		BinaryXmlSession session = new BinaryXmlSession(BinaryXmlQuotas.DEFAULTS.withMaxSessionSize(8));
		session.newReader(hex("06 05 4F72646572 42 01 01"));
		assertThatExceptionOfType(BinaryXmlQuotaExceededException.class)
			.isThrownBy(() -> session.newReader(hex("05 04 4974656D 42 03 01")))
			.satisfies((ex) -> assertThat(ex.getQuota()).isEqualTo("MaxSessionSize"))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(8));
	}

	@Test
	void defaultMaxSessionSizeIsWcfs2048Bytes() throws Exception {
		BinaryXmlSession session = new BinaryXmlSession();
		StringBuilder table = new StringBuilder();
		for (int i = 0; i < 21; i++) { // 21 strings of 100 bytes: 2100 > 2048
			table.append("64").append("61".repeat(99)).append(String.format("%02x", 0x30 + (i % 10)));
		}
		byte[] strings = hex(table.toString());
		ByteSink message = new ByteSink();
		message.multiByteInt31(strings.length);
		message.write(strings);
		message.write(hex("42 01 01"));
		assertThatExceptionOfType(BinaryXmlQuotaExceededException.class)
			.isThrownBy(() -> session.newReader(message.toByteArray()))
			.withMessageContaining("MaxSessionSize (2048)");
	}

	@Test
	void writerBeyondItsBudgetWritesNamesInline() throws Exception {
		BinaryXmlSession sender = new BinaryXmlSession(BinaryXmlQuotas.DEFAULTS.withMaxSessionSize(6));
		BinaryXmlStreamWriter writer = sender.newWriter();
		writer.writeStartElement("Order");
		writer.writeStartElement("Item");
		writer.writeStartElement("Quantity");
		writer.writeCharacters("2");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeEndElement();
		byte[] message = writer.toByteArray();
		assertThat(sender.sentDictionary().count()).as("Order (5 bytes) fits, Item does not").isEqualTo(1);
		assertThat(Infoset.render(new BinaryXmlSession().newReader(message)))
			.isEqualTo("<Order><Item><Quantity>2</Quantity></Item></Order>");
	}

	@Test
	void truncatedStringTableIsMalformed() {
		assertThatExceptionOfType(MalformedBinaryXmlException.class)
			.isThrownBy(() -> new BinaryXmlSession().newReader(hex("0A 05 4F72")));
		assertThatExceptionOfType(MalformedBinaryXmlException.class)
			.isThrownBy(() -> new BinaryXmlSession().newReader(hex("03 05 4F7264 42 01 01")))
			.withMessageContaining("runs past the string table");
	}

	@Test
	void staticDictionaryIsTheNbfsTable() {
		StaticDictionary dictionary = StaticDictionary.nbfs();
		assertThat(dictionary.strings()).hasSize(487);
		assertThat(dictionary.get(0x00)).isEqualTo("mustUnderstand");
		assertThat(dictionary.get(0x02)).isEqualTo("Envelope");
		assertThat(dictionary.get(0x04)).isEqualTo("http://www.w3.org/2003/05/soap-envelope");
		assertThat(dictionary.get(0x06)).isEqualTo("http://www.w3.org/2005/08/addressing");
		assertThat(dictionary.get(0x0A)).isEqualTo("Action");
		assertThat(dictionary.get(0x1A)).isEqualTo("MessageID");
		assertThat(dictionary.get(0x2C)).isEqualTo("ReplyTo");
		assertThat(dictionary.get(0x3CC)).isEqualTo("detail");
		assertThat(dictionary.get(0x3CE)).isNull();
		assertThat(dictionary.get(0x03)).as("odd ids are the session's").isNull();
		assertThat(dictionary.idOf("Body")).isEqualTo(0x0E);
		assertThat(dictionary.idOf("NotInTheTable")).isEqualTo(-1);
	}


}
