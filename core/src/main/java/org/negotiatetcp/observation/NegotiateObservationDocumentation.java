package org.negotiatetcp.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Negotiate TCP makes. Low-cardinality keys go to metrics and traces; high-cardinality keys to traces
 * only. Users turn them off with an {@code ObservationPredicate} (in Spring Boot:
 * {@code management.observations.enable.negotiate.tcp=false}) and replace their key values with a custom
 * {@link HandshakeObservationConvention} or {@link MessageObservationConvention}.
 */
public enum NegotiateObservationDocumentation implements ObservationDocumentation {

	/**
	 * One observation per connection handshake, on the client and on the server: it starts when the connection is
	 * active (on a reused {@code net.tcp} connection, when the next session's preamble starts) and stops when the
	 * session is open, or with the error when the handshake, a policy or the application's authorizer refused it, the
	 * initialization timed out, a framing fault was sent or received, or the connection closed.
	 */
	HANDSHAKE {

		@Override
		public String getName() {
			return "negotiate.tcp.handshake";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultHandshakeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	},

	/**
	 * One observation per application message, received or sent (not per request/reply exchange: the channel is a
	 * full-duplex message stream and does not know which messages answer which). A received message is observed when
	 * it has been read, verified (unwrapped) and delivered to the channel's inbound queue; a sent message from the
	 * moment the application hands it to the channel until it is protected and written to the socket, or with the
	 * error if that fails.
	 */
	MESSAGE {

		@Override
		public String getName() {
			return "negotiate.tcp.message";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMessageObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return KeyName.merge(LowCardinalityKeyNames.values(), MessageLowCardinalityKeyNames.values());
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of both observations.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Which end observes: {@code client} or {@code server}. */
		SIDE {
			@Override
			public String asString() {
				return "negotiate.side";
			}
		},

		/** The wire form: {@code net.tcp} ([MC-NMF] + [MS-NNS]) or {@code raw} (bare NegotiateStream). */
		MODE {
			@Override
			public String asString() {
				return "negotiate.mode";
			}
		},

		/**
		 * The authentication package actually negotiated, as it appeared on the wire: {@code spnego},
		 * {@code kerberos} or {@code ntlm}; {@code unknown} when the handshake failed before authentication.
		 */
		AUTH_PACKAGE {
			@Override
			public String asString() {
				return "negotiate.auth.package";
			}
		},

		/** The mechanism that authenticated: {@code kerberos} or {@code ntlm}; {@code unknown} before. */
		MECHANISM {
			@Override
			public String asString() {
				return "negotiate.mechanism";
			}
		},

		/**
		 * The protection the data frames get: {@code none}, {@code sign} or {@code encrypt_and_sign};
		 * {@code unknown} before authentication.
		 */
		PROTECTION_LEVEL {
			@Override
			public String asString() {
				return "negotiate.protection.level";
			}
		},

		/**
		 * On a client, the name of the endpoint it opened ({@code negotiate.tcp.client.endpoints.<name>} in Spring
		 * Boot, or the Reactor context entry {@link NegotiateObservationContext#ENDPOINT_CONTEXT_KEY}); {@code none}
		 * on a server and for channels opened by address.
		 */
		ENDPOINT {
			@Override
			public String asString() {
				return "negotiate.endpoint";
			}
		},

		/**
		 * {@code SUCCESS}, the [MC-NMF] fault name (for example {@code EndpointNotFound}) or the
		 * {@link org.negotiatetcp.FailureReason} name (for example {@code WRONG_TARGET}, {@code POLICY},
		 * {@code TIMEOUT}); see {@link Outcomes}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * Low-cardinality keys of {@link #MESSAGE} only.
	 */
	public enum MessageLowCardinalityKeyNames implements KeyName {

		/** {@code received} or {@code sent}. */
		DIRECTION {
			@Override
			public String asString() {
				return "negotiate.message.direction";
			}
		}

	}

	/**
	 * High-cardinality keys of both observations (traces only).
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The authenticated peer: the client's principal on a server, the server's principal on a client. */
		PRINCIPAL {
			@Override
			public String asString() {
				return "negotiate.principal";
			}
		},

		/** The peer's socket address. */
		REMOTE_ADDRESS {
			@Override
			public String asString() {
				return "network.peer.address";
			}
		},

		/** The via: the {@code net.tcp} endpoint address (on a client, the address it opened). */
		VIA {
			@Override
			public String asString() {
				return "negotiate.via";
			}
		}

	}

}
