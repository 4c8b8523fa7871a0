package org.negotiatetcp.soap.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.soap.AddressingHeaders;
import org.negotiatetcp.soap.ReceivedEnvelope;
import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapEnvelopeReader;
import org.negotiatetcp.soap.SoapEnvelopeWriter;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.binary.BinaryXmlSession;
import org.negotiatetcp.soap.binary.BinaryXmlStreamWriter;

/**
 * SOAP 1.2 messages over one {@link NegotiateChannel} in {@code net.tcp} mode with the content type
 * {@code application/soap+msbinsession1} (WCF {@code NetTcpBinding}'s binary message encoder): one
 * {@link BinaryXmlSession} for the channel's lifetime, so the [MC-NBFSE] dictionaries of both directions live as long
 * as the session.
 * <p>
 * Sending: each message is encoded and queued under one lock, so the order of the session strings on the wire is the
 * order in which they were added; bodies are DOM elements built beforehand (a payload that fails to serialize never
 * reaches the session's dictionary). Receiving: messages are decoded one at a time, in arrival order, into
 * {@link SoapMessage}s; a reply ({@code RelatesTo} a pending request's {@code MessageID}) completes that request, any
 * other message goes to the {@link SoapRequestHandler}. Requests are handled concurrently, replies go out as they are
 * ready. On a client session, a fault without {@code RelatesTo} (Mono's WCF service sends its faults so, see
 * {@link #dispatch}) is the reply to the oldest pending request. A message that cannot be decoded ends the session
 * with the decoding error: the dictionaries are no longer in step.
 */
public final class SoapSession {

	private static final Logger logger = LoggerFactory.getLogger(SoapSession.class);

	/** Concurrent requests one session handles at once; more wait (reading from the socket pauses). */
	private static final int MAX_CONCURRENT_REQUESTS = 64;

	private final NegotiateChannel channel;

	private final BinaryXmlSession codec;

	private final @Nullable SoapRequestHandler handler;

	private final Object sendLock = new Object();

	private final Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();

	/** Pending requests by MessageID, oldest first; guarded by itself. */
	private final Map<String, Sinks.One<SoapMessage>> pending = new LinkedHashMap<>();

	private final Mono<Void> sending;

	private final Mono<Void> receiving;

	private volatile @Nullable Throwable failure;

	private boolean sendClosed;

	private SoapSession(NegotiateChannel channel, BinaryXmlQuotas quotas, @Nullable SoapRequestHandler handler) {
		this.channel = Objects.requireNonNull(channel, "channel");
		if (channel.mode() != ChannelMode.NET_TCP) {
			throw new IllegalArgumentException("SOAP messages need a net.tcp channel (one message per [MC-NMF] "
					+ "envelope), not " + channel + ": use a net.tcp:// address and a server in NET_TCP mode");
		}
		this.codec = new BinaryXmlSession(quotas);
		this.handler = handler;
		this.sending = channel.send(this.outbound.asFlux().map(Unpooled::wrappedBuffer))
			.doOnError(this::failPending)
			.cache();
		this.receiving = channel.receiveBytes()
			.map(this::decode)
			.flatMap(this::dispatch, MAX_CONCURRENT_REQUESTS)
			.then()
			.doOnError(this::failPending)
			.doOnSuccess((done) -> failPending(new NegotiateException(FailureReason.CONNECTION,
					"The peer ended the SOAP session on " + channel + " before replying")))
			.cache();
	}

	/**
	 * Starts the client side of a session: replies are correlated to requests; requests the peer sends (duplex
	 * callbacks) are refused with a fault.
	 * @param channel an open {@code net.tcp} channel whose content type is {@code application/soap+msbinsession1}
	 * @param quotas the reader's quotas
	 * @return the session, receiving
	 * @throws IllegalArgumentException when the channel is not in {@code net.tcp} mode
	 */
	public static SoapSession client(NegotiateChannel channel, BinaryXmlQuotas quotas) {
		SoapSession session = new SoapSession(channel, quotas, null);
		session.sending.subscribe(null, (ex) -> logger.debug("Sending on {} failed", channel, ex));
		session.receiving.subscribe(null, (ex) -> logger.debug("Receiving on {} failed", channel, ex));
		return session;
	}

	/**
	 * Serves a channel: each request goes to the handler, its reply goes back.
	 * @param channel the authenticated channel
	 * @param quotas the reader's quotas
	 * @param handler what handles a request
	 * @return completes when the client ended the session and every reply was written; errors at once for a channel
	 * that is not in {@code net.tcp} mode
	 */
	public static Mono<Void> serve(NegotiateChannel channel, BinaryXmlQuotas quotas, SoapRequestHandler handler) {
		return Mono.defer(() -> {
			SoapSession session = new SoapSession(channel, quotas, handler);
			Mono<Void> received = session.receiving.doFinally((signal) -> session.completeSending());
			return Mono.when(session.sending, received);
		});
	}

	/**
	 * Returns the channel.
	 * @return the channel
	 */
	public NegotiateChannel channel() {
		return this.channel;
	}

	/**
	 * Sends a request and waits for its reply ({@code RelatesTo} its {@code MessageID}).
	 * @param action the operation's action
	 * @param to the {@code To} header (the endpoint's address), or {@code null}
	 * @param body the body's element, or {@code null} for an empty body
	 * @return the reply (possibly a fault, see {@link SoapMessage#fault()}); errors when the session ends first
	 */
	public Mono<SoapMessage> request(String action, @Nullable String to, @Nullable Element body) {
		return Mono.defer(() -> {
			AddressingHeaders headers = AddressingHeaders.request(action, to);
			String id = Objects.requireNonNull(headers.messageId());
			Sinks.One<SoapMessage> reply = Sinks.one();
			return send(headers, body, null, reply).then(reply.asMono()).doFinally((signal) -> removePending(id));
		});
	}

	/**
	 * Sends a one-way message: no {@code MessageID}, no reply.
	 * @param action the operation's action
	 * @param to the {@code To} header, or {@code null}
	 * @param body the body's element, or {@code null}
	 * @return completes when the message is queued for sending, in order
	 */
	public Mono<Void> sendOneWay(String action, @Nullable String to, @Nullable Element body) {
		return Mono.defer(() -> send(AddressingHeaders.oneWay(action, to), body, null, null));
	}

	/**
	 * Ends the session: no more messages are sent, the queued ones are written, then the channel ends the [MC-NMF]
	 * session.
	 * @return completes when the channel is closed
	 */
	public Mono<Void> close() {
		return Mono.defer(() -> {
			completeSending();
			return this.sending.onErrorResume((ex) -> Mono.empty()).then(this.channel.close());
		});
	}

	/**
	 * Whether requests can still be sent.
	 * @return {@code true} while the channel is open and the session did not fail
	 */
	public boolean isOpen() {
		synchronized (this.sendLock) {
			return !this.sendClosed && this.failure == null && this.channel.isOpen();
		}
	}

	private void completeSending() {
		synchronized (this.sendLock) {
			if (!this.sendClosed) {
				this.sendClosed = true;
				this.outbound.tryEmitComplete();
			}
		}
	}

	/**
	 * Encodes and queues a message; a request's reply sink becomes pending under the send lock, so pending requests
	 * are in the order in which they were sent.
	 */
	private Mono<Void> send(AddressingHeaders headers, @Nullable Element body, @Nullable SoapFaultException fault,
			Sinks.@Nullable One<SoapMessage> reply) {
		synchronized (this.sendLock) {
			if (this.sendClosed) {
				return Mono.error(new NegotiateException(FailureReason.CONNECTION, "The SOAP session on "
						+ this.channel + " is closed; cannot send " + headers.action()));
			}
			if (reply != null) {
				String id = Objects.requireNonNull(headers.messageId());
				addPending(id, reply);
				// failPending sets the failure before it clears the pending requests: one of the two sees this one
				Throwable failed = this.failure;
				if (failed != null) {
					removePending(id);
					return Mono.error(failed);
				}
			}
			byte[] message;
			try {
				BinaryXmlStreamWriter writer = this.codec.newWriter();
				if (fault != null) {
					SoapEnvelopeWriter.writeFaultMessage(writer, headers, fault);
				}
				else {
					SoapEnvelopeWriter.writeStart(writer, headers);
					if (body != null) {
						BinaryXmlDom.write(body, writer);
					}
					SoapEnvelopeWriter.writeEnd(writer);
				}
				message = writer.toByteArray();
			}
			catch (XMLStreamException | RuntimeException ex) {
				// the sent dictionary may hold strings the peer never sees: the session cannot continue
				NegotiateException error = new NegotiateException(FailureReason.PROTOCOL,
						"Encoding the message " + headers.action() + " failed; the SOAP session on " + this.channel
								+ " ends", ex);
				this.sendClosed = true;
				this.outbound.tryEmitError(error);
				return Mono.error(error);
			}
			Sinks.EmitResult result = this.outbound.tryEmitNext(message);
			if (result.isFailure()) {
				return Mono.error(new NegotiateException(FailureReason.CONNECTION,
						"The SOAP session on " + this.channel + " cannot send " + headers.action() + ": " + result));
			}
			return Mono.empty();
		}
	}

	private SoapMessage decode(byte[] bytes) {
		try {
			XMLStreamReader reader = this.codec.newReader(bytes);
			ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
			SoapFaultException fault = SoapEnvelopeReader.readFault(reader);
			Element body = null;
			if (fault == null && reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
				body = BinaryXmlDom.readElement(reader);
			}
			return new SoapMessage(envelope.addressing(), envelope.notUnderstood(), body, fault);
		}
		catch (SoapFaultException ex) {
			throw new NegotiateException(FailureReason.PROTOCOL,
					"A message on " + this.channel + " is not a WCF SOAP 1.2 envelope: " + ex.getMessage(), ex);
		}
		catch (XMLStreamException ex) {
			throw new NegotiateException(FailureReason.PROTOCOL,
					"A message on " + this.channel + " could not be decoded: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A reply completes its request; on a client session, a fault without {@code RelatesTo} completes the oldest
	 * pending request. Mono's WCF service (6.8) sends the faults of its operations without {@code RelatesTo} (and
	 * with the action {@code <namespace><contract>/<operation><detail>Fault}, no slash after the namespace); it
	 * handles the requests of one session one at a time, in order, so its fault answers the oldest request. A
	 * WCF-conformant service always correlates its faults, so this never applies to it; when it does apply, the
	 * worst a misbehaving peer achieves is failing one of its own pending calls with its fault.
	 */
	private Mono<Void> dispatch(SoapMessage message) {
		String relatesTo = message.headers().relatesTo();
		if (relatesTo == null && this.handler == null && message.isFault()) {
			Map.Entry<String, Sinks.One<SoapMessage>> oldest = removeOldestPending();
			if (oldest != null) {
				logger.debug("A fault without RelatesTo ({}) on {} is taken as the reply to the oldest pending "
						+ "request {}", message.headers().action(), this.channel, oldest.getKey());
				oldest.getValue().tryEmitValue(message);
				return Mono.empty();
			}
		}
		if (relatesTo != null) {
			Sinks.One<SoapMessage> reply = removePending(relatesTo);
			if (reply != null) {
				reply.tryEmitValue(message);
			}
			else {
				logger.debug("Dropped a reply to {} on {}: no such request is pending", relatesTo, this.channel);
			}
			return Mono.empty();
		}
		AddressingHeaders request = message.headers();
		SoapRequestHandler requestHandler = this.handler;
		if (requestHandler == null) {
			return replyFault(request, StandardFaults.actionNotSupported(request.action()));
		}
		if (!message.notUnderstood().isEmpty()) {
			return replyFault(request, new SoapFaultException(Soap12.MUST_UNDERSTAND,
					"The header(s) " + message.notUnderstood() + " marked mustUnderstand were not understood"));
		}
		Mono<SoapReply> handled;
		try {
			handled = requestHandler.handle(message, this);
		}
		catch (RuntimeException ex) {
			handled = Mono.error(ex);
		}
		// the operation's failure (whatever its type) becomes a fault; a failure to send ends the session
		return handled.map((reply) -> new Outcome(reply, null))
			.onErrorResume((ex) -> Mono.just(new Outcome(null, asFault(ex))))
			.flatMap((outcome) -> {
				if (outcome.fault() != null) {
					return replyFault(request, outcome.fault());
				}
				SoapReply reply = Objects.requireNonNull(outcome.reply());
				return (request.messageId() != null) ? send(request.reply(reply.action()), reply.body(), null, null)
						: Mono.<Void>empty();
			});
	}

	private record Outcome(@Nullable SoapReply reply, @Nullable SoapFaultException fault) {

	}

	private Mono<Void> replyFault(AddressingHeaders request, SoapFaultException fault) {
		if (request.messageId() == null) {
			logger.debug("One-way message {} on {} failed: {}", request.action(), this.channel, fault.getMessage());
			return Mono.empty();
		}
		return send(request.reply(Soap12.FAULT_ACTION), null, fault, null);
	}

	private SoapFaultException asFault(Throwable ex) {
		if (ex instanceof SoapFaultException fault) {
			return fault;
		}
		logger.warn("An operation on {} failed; the client gets a Receiver fault without details", this.channel, ex);
		return StandardFaults.internalError();
	}

	private void failPending(Throwable error) {
		if (this.failure == null) {
			this.failure = error;
		}
		List<Sinks.One<SoapMessage>> replies;
		synchronized (this.pending) {
			replies = List.copyOf(this.pending.values());
			this.pending.clear();
		}
		for (Sinks.One<SoapMessage> reply : replies) {
			reply.tryEmitError(error);
		}
	}

	private void addPending(String id, Sinks.One<SoapMessage> reply) {
		synchronized (this.pending) {
			this.pending.put(id, reply);
		}
	}

	private Sinks.@Nullable One<SoapMessage> removePending(String id) {
		synchronized (this.pending) {
			return this.pending.remove(id);
		}
	}

	private Map.@Nullable Entry<String, Sinks.One<SoapMessage>> removeOldestPending() {
		synchronized (this.pending) {
			Iterator<Map.Entry<String, Sinks.One<SoapMessage>>> entries = this.pending.entrySet().iterator();
			if (!entries.hasNext()) {
				return null;
			}
			Map.Entry<String, Sinks.One<SoapMessage>> first = entries.next();
			Map.Entry<String, Sinks.One<SoapMessage>> oldest = Map.entry(first.getKey(), first.getValue());
			entries.remove();
			return oldest;
		}
	}

}
