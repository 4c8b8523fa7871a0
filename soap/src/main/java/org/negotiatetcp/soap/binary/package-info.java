/**
 * The encoding of WCF {@code net.tcp} messages: [MC-NBFX] .NET Binary Format: XML Data Structure, with the [MC-NBFS]
 * static dictionary and the [MC-NBFSE] in-band session dictionaries, as StAX
 * ({@link javax.xml.stream.XMLStreamReader}, {@link javax.xml.stream.XMLStreamWriter}) and DOM.
 * <p>
 * Start with {@link org.negotiatetcp.soap.binary.BinaryXml} (one message, static dictionary only) or
 * {@link org.negotiatetcp.soap.binary.BinaryXmlSession} (the content type {@code application/soap+msbinsession1} of
 * WCF's {@code NetTcpBinding}: one instance per duplex session). Every reader is bounded by
 * {@link org.negotiatetcp.soap.binary.BinaryXmlQuotas}; bad input fails with a
 * {@link org.negotiatetcp.soap.binary.BinaryXmlException}.
 */
@NullMarked
package org.negotiatetcp.soap.binary;

import org.jspecify.annotations.NullMarked;
