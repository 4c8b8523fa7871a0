package org.negotiatetcp.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * Kerberos message protection, one message wrapped by the initiator and unwrapped by the acceptor per operation
 * (encrypt-and-sign, aes256-cts-hmac-sha1-96 from the embedded KDC): this project's RFC 4121 tokens ({@code own})
 * against JGSS ({@code jgss}, the same contexts with {@value GssMechanismContext#PROTECTION_PROPERTY}{@code =jgss}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KerberosProtectionBenchmark {

	/** Who protects: {@code own} or {@code jgss}. */
	@Param({ "own", "jgss" })
	public String protection;

	/** The message size in bytes. */
	@Param({ "1024", "16384" })
	public int size;

	private EmbeddedKdc kdc;

	private GssMechanismContext client;

	private GssMechanismContext server;

	private byte[] message;

	/**
	 * Start the KDC and establish the context pair.
	 */
	@Setup
	public void establish() {
		System.setProperty(GssMechanismContext.PROTECTION_PROPERTY, this.protection);
		this.kdc = EmbeddedKdc.start();
		Path serviceKeytab = this.kdc.keytab("service.keytab", "host/localhost");
		Path clientKeytab = this.kdc.keytab("client.keytab", "alice");
		this.client = GssMechanismContext.initiator(
				new KerberosClientCredentials(new ClientCredential.Keytab("alice", clientKeytab)).credential(),
				TargetName.spn("host/localhost"), true, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IDENTIFICATION);
		this.server = GssMechanismContext.acceptor(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")).credential(),
				true);
		byte[] token = this.client.step(null);
		while (!this.client.isEstablished() || !this.server.isEstablished()) {
			byte[] reply = this.server.step(token);
			if (!this.client.isEstablished()) {
				token = this.client.step(reply);
			}
		}
		this.message = new byte[this.size];
		for (int i = 0; i < this.size; i++) {
			this.message[i] = (byte) i;
		}
		// the first token of each direction goes through JGSS in both modes
		roundTrip();
		byte[] reply = this.server.wrap(this.message, 0, 1, true);
		this.client.unwrap(reply, 0, reply.length);
		if (("own".equals(this.protection)) != (this.client.ownProtection() != null)) {
			throw new IllegalStateException("protection " + this.protection + " not in effect");
		}
	}

	/**
	 * Release the contexts and stop the KDC.
	 */
	@TearDown
	public void close() {
		this.client.close();
		this.server.close();
		this.kdc.close();
		System.clearProperty(GssMechanismContext.PROTECTION_PROPERTY);
	}

	/**
	 * Wrap on the initiator, unwrap on the acceptor.
	 * @return the plaintext, so that nothing is optimized away
	 */
	@Benchmark
	public byte[] roundTrip() {
		byte[] token = this.client.wrap(this.message, 0, this.message.length, true);
		return this.server.unwrap(token, 0, token.length);
	}

}
