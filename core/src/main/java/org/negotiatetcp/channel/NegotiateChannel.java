package org.negotiatetcp.channel;

import java.net.SocketAddress;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.ChannelMode;

/**
 * An authenticated, protected channel: one [MC-NMF] session in {@link ChannelMode#NET_TCP} mode (a message is one
 * sized envelope), or one NegotiateStream connection in {@link ChannelMode#RAW} mode (a message is whatever one data
 * frame carried; treat it as a byte stream).
 * <p>
 * The security information is a snapshot from the handshake: later changes to the factory or server settings do not
 * affect an open channel.
 */
public interface NegotiateChannel {

	/**
	 * Return the authentication information of this channel.
	 * @return the security information
	 */
	SecurityInfo securityInfo();

	/**
	 * Return what the server's {@link SessionAuthorizer} attached to this channel, if it is of the given type: for
	 * example {@code channel.attachment(Authentication.class)} for the Spring Security {@code Authentication} of the
	 * client.
	 * @param <T> the type of the attachment
	 * @param type the type of the attachment
	 * @return the attachment, or {@code null} if nothing was attached (always on a client) or the attachment is not a
	 * {@code type}
	 */
	<T> @Nullable T attachment(Class<T> type);

	/**
	 * Return the wire form.
	 * @return the mode
	 */
	ChannelMode mode();

	/**
	 * Return the via ({@code net.tcp} endpoint address) of this session, or {@code null} in raw mode.
	 * @return the via
	 */
	@Nullable String via();

	/**
	 * Return the peer's socket address.
	 * @return the remote address
	 */
	SocketAddress remoteAddress();

	/**
	 * Receive the peer's messages. One subscriber at a time: messages that arrive while nobody subscribes wait in a
	 * bounded queue (reading pauses when it is full), so request/response code may call {@code receive().next()} for
	 * each reply. Each buffer is released once {@code onNext} returns: retain it (or copy it) to keep it. Completes when
	 * the peer ends the session; errors if the channel fails.
	 * @return the inbound messages
	 */
	Flux<ByteBuf> receive();

	/**
	 * Receive the peer's messages as byte arrays.
	 * @return the inbound messages
	 */
	default Flux<byte[]> receiveBytes() {
		return receive().map((buf) -> {
			byte[] bytes = new byte[buf.readableBytes()];
			buf.getBytes(buf.readerIndex(), bytes);
			return bytes;
		});
	}

	/**
	 * Send messages in order. Each buffer is released once written. In {@code net.tcp} mode each buffer becomes one
	 * sized envelope, bounded by the maximum message size.
	 * @param messages the messages
	 * @return completes when every message has been written to the socket
	 */
	Mono<Void> send(Publisher<? extends ByteBuf> messages);

	/**
	 * Send one message.
	 * @param message the message bytes
	 * @return completes when written
	 */
	default Mono<Void> sendBytes(byte[] message) {
		return send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(message)));
	}

	/**
	 * End the session gracefully: in {@code net.tcp} mode send End and wait for the peer's End; in raw mode close
	 * the connection. After a clean End/End exchange a {@code net.tcp} channel of a pooling factory returns its
	 * still-open connection to the factory's pool instead of closing it (see
	 * {@link NegotiateChannelFactory#withConnectionPool(ConnectionPoolSettings)}).
	 * @return completes when the session has ended (and its connection is closed or pooled)
	 */
	Mono<Void> close();

	/**
	 * Return a signal that completes when the session has ended, for whatever reason.
	 * @return the close signal
	 */
	Mono<Void> onClose();

	/**
	 * Whether the session is still open for sending.
	 * @return {@code true} if open
	 */
	boolean isOpen();

}
