package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.NegotiateException;

/**
 * The Fault record ([MC-NMF] 2.2.3): the receiver refuses the session; the connection closes after it.
 *
 * @param faultUri the fault URI, normally one of {@link FramingFault}
 */
public record FaultRecord(String faultUri) implements NmfRecord {

	/**
	 * Create the record, checking its components.
	 * @param faultUri the fault URI, normally one of {@link FramingFault}
	 */
	public FaultRecord {
		Objects.requireNonNull(faultUri, "faultUri");
	}

	/**
	 * Create the record for a specified fault.
	 * @param fault the fault
	 * @return the record
	 */
	public static FaultRecord of(FramingFault fault) {
		return new FaultRecord(fault.uri());
	}

	/**
	 * Return the specified fault this record carries.
	 * @return the fault, or {@code null} if the URI is not one of {@link FramingFault}
	 */
	public @Nullable FramingFault fault() {
		return FramingFault.fromUri(this.faultUri);
	}

	/**
	 * Turn this fault, received from a server, into the exception to report: a {@link FramingFaultException} for a
	 * specified fault, or a {@link FramingException} ({@code PROTOCOL}) for an unrecognised URI, as .NET does.
	 * @param via the via of the session, for the message
	 * @return the exception, not thrown
	 */
	public NegotiateException toException(String via) {
		FramingFault fault = fault();
		if (fault != null) {
			return new FramingFaultException(fault, via);
		}
		return FramingException.protocol("The server refused the net.tcp session for via '" + via
				+ "' with an unrecognised framing fault '" + this.faultUri + "'; it is not a .NET Message Framing fault"
				+ " URI, check that the server speaks net.tcp");
	}

	@Override
	public RecordType type() {
		return RecordType.FAULT;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.FAULT.code());
		NmfStrings.write(this.faultUri, out);
	}

}
