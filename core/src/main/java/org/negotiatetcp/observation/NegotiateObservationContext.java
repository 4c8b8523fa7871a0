package org.negotiatetcp.observation;

import java.net.SocketAddress;
import java.util.Objects;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.ChannelSide;

/**
 * What Negotiate TCP observations know about a connection: the side, the wire form, the peer's address, the via and,
 * once the handshake has authenticated the peer, its {@link SecurityInfo}.
 */
public abstract class NegotiateObservationContext extends Observation.Context {

	/**
	 * The key of the Reactor context entry naming the endpoint a client opens (a low-cardinality name such as Boot's
	 * {@code negotiate.tcp.client.endpoints.<name>}): {@code factory.open(address).contextWrite(Context.of(
	 * ENDPOINT_CONTEXT_KEY, "orders"))} tags that channel's observations and meters with it.
	 */
	public static final String ENDPOINT_CONTEXT_KEY = "negotiate.tcp.endpoint";

	private final ChannelSide side;

	private final ChannelMode mode;

	private @Nullable SocketAddress remoteAddress;

	private @Nullable String via;

	private @Nullable String endpoint;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable String outcome;

	/**
	 * Create a context.
	 * @param side the side observed
	 * @param mode the wire form
	 */
	protected NegotiateObservationContext(ChannelSide side, ChannelMode mode) {
		this.side = Objects.requireNonNull(side, "side");
		this.mode = Objects.requireNonNull(mode, "mode");
	}

	/**
	 * Return the side observed.
	 * @return the side
	 */
	public ChannelSide getSide() {
		return this.side;
	}

	/**
	 * Return the wire form.
	 * @return the mode
	 */
	public ChannelMode getMode() {
		return this.mode;
	}

	/**
	 * Return the name of the endpoint a client opened, if it was opened as a named endpoint.
	 * @return the endpoint's name, or {@code null} (always on a server)
	 * @see #ENDPOINT_CONTEXT_KEY
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Set the name of the endpoint a client opened.
	 * @param endpoint the endpoint's name, or {@code null}
	 */
	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Return the peer's socket address, if known.
	 * @return the address or {@code null}
	 */
	public @Nullable SocketAddress getRemoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Set the peer's socket address.
	 * @param remoteAddress the address
	 */
	public void setRemoteAddress(@Nullable SocketAddress remoteAddress) {
		this.remoteAddress = remoteAddress;
	}

	/**
	 * Return the via: on a client the address it opened, on a server the endpoint address the client asked for
	 * ({@code net.tcp} only), if known.
	 * @return the via or {@code null}
	 */
	public @Nullable String getVia() {
		return this.via;
	}

	/**
	 * Set the via.
	 * @param via the via
	 */
	public void setVia(@Nullable String via) {
		this.via = via;
	}

	/**
	 * Return the authentication information once the peer is authenticated (also when a policy then refused it).
	 * @return the security information or {@code null}
	 */
	public @Nullable SecurityInfo getSecurityInfo() {
		return this.securityInfo;
	}

	/**
	 * Set the authentication information.
	 * @param securityInfo the security information
	 */
	public void setSecurityInfo(@Nullable SecurityInfo securityInfo) {
		this.securityInfo = securityInfo;
	}

	/**
	 * Return the outcome ({@link Outcomes}), or {@code null} while the observation runs.
	 * @return the outcome
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Set the outcome.
	 * @param outcome {@link Outcomes#SUCCESS} or a failure outcome from {@link Outcomes#of(Throwable)}
	 */
	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
