package org.negotiatetcp.soap;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The WS-Addressing 1.0 headers of a message: {@code Action}, {@code To}, {@code MessageID}, {@code ReplyTo}
 * (its {@code Address}) and {@code RelatesTo}. Absent headers are {@code null}.
 *
 * @param action the action (required on every SOAP message WCF sends or accepts)
 * @param to the destination address, or {@code null}
 * @param messageId the message's identifier ({@code urn:uuid:...}), or {@code null}
 * @param replyTo where replies go ({@link Soap12#ANONYMOUS}: back on this channel), or {@code null}
 * @param relatesTo the {@code MessageID} of the request this message answers, or {@code null}
 */
public record AddressingHeaders(String action, @Nullable String to, @Nullable String messageId,
		@Nullable String replyTo, @Nullable String relatesTo) {

	/**
	 * Returns the headers of a request expecting a reply, as WCF sends it: a new {@code MessageID}, {@code ReplyTo}
	 * anonymous.
	 * @param action the operation's action
	 * @param to the endpoint address
	 * @return the headers
	 */
	public static AddressingHeaders request(String action, String to) {
		return new AddressingHeaders(action, to, "urn:uuid:" + UUID.randomUUID(), Soap12.ANONYMOUS, null);
	}

	/**
	 * Returns the headers of a one-way message: no {@code MessageID}, no {@code ReplyTo}.
	 * @param action the operation's action
	 * @param to the endpoint address
	 * @return the headers
	 */
	public static AddressingHeaders oneWay(String action, String to) {
		return new AddressingHeaders(action, to, null, null, null);
	}

	/**
	 * Returns the headers of the reply to a request: {@code RelatesTo} its {@code MessageID}.
	 * @param action the reply's action (WCF: the operation's action followed by {@code Response}; faults
	 * {@link Soap12#FAULT_ACTION})
	 * @return the reply's headers
	 * @throws IllegalStateException when this request has no {@code MessageID} (a one-way message has no reply)
	 */
	public AddressingHeaders reply(String action) {
		if (this.messageId == null) {
			throw new IllegalStateException("Message with action " + this.action
					+ " has no MessageID: it is one-way and cannot be replied to");
		}
		return new AddressingHeaders(action, null, null, null, this.messageId);
	}

}
