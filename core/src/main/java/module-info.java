/**
 * Negotiate TCP core: Windows Integrated Authentication (Kerberos, SPNEGO, NTLM) over [MS-NNS] NegotiateStream inside
 * [MC-NMF] .NET Message Framing, on Reactor Netty.
 * <p>
 * Every package holds types applications use: the channel API and its settings ({@code channel}), credentials
 * ({@code mechanism} and its {@code kerberos}, {@code ntlm} and {@code spnego} packages; {@code kerberos.pac}, the PAC of
 * Active Directory tickets; {@code kerberos.replay}, the replay cache of the acceptor), the security information
 * ({@code security}), names ({@code identity}), metrics and observations, and the failures each protocol layer reports
 * ({@code framing}, {@code stream}). What only a package itself needs, such as the DER codec and the NTLM messages, is
 * package-private. Reactor Core and Reactor Netty are automatic modules, hence the suppressed warnings.
 */
@SuppressWarnings({ "requires-automatic", "requires-transitive-automatic" })
module org.negotiatetcp.core {

	requires transitive io.netty.buffer;
	requires transitive io.netty.common;
	requires transitive io.netty.transport;
	requires io.netty.codec;
	requires io.netty.handler;
	requires transitive java.security.jgss;
	// Krb5LoginModule (loaded by name through JAAS) and UnixSystem (the uid of the default ticket cache)
	requires jdk.security.auth;
	// ExtendedGSSContext: the context key, for the project's own RFC 4121 message protection, and the ticket's
	// authorization data (the PAC of Active Directory tickets)
	requires jdk.security.jgss;
	requires transitive micrometer.commons;
	requires transitive micrometer.observation;
	requires static transitive micrometer.core;
	// optional: only RedisReplayCache (a Kerberos replay cache shared by the instances of a service)
	requires static lettuce.core;
	requires transitive org.jspecify;
	requires transitive org.reactivestreams;
	requires org.slf4j;
	requires transitive reactor.core;
	requires transitive reactor.netty.core;

	exports org.negotiatetcp;
	exports org.negotiatetcp.channel;
	exports org.negotiatetcp.framing;
	exports org.negotiatetcp.identity;
	exports org.negotiatetcp.mechanism;
	exports org.negotiatetcp.mechanism.kerberos;
	exports org.negotiatetcp.mechanism.kerberos.crypto;
	exports org.negotiatetcp.mechanism.kerberos.pac;
	exports org.negotiatetcp.mechanism.kerberos.replay;
	exports org.negotiatetcp.mechanism.ntlm;
	exports org.negotiatetcp.mechanism.spnego;
	exports org.negotiatetcp.metrics;
	exports org.negotiatetcp.observation;
	exports org.negotiatetcp.security;
	exports org.negotiatetcp.stream;

}
