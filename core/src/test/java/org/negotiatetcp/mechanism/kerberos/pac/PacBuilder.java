package org.negotiatetcp.mechanism.kerberos.pac;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.Sid;

/**
 * Writes PACs per [MS-PAC] and [MS-RPCE] 2.2.6 (NDR type serialization version 1, little-endian), for tests.
 */
final class PacBuilder {

	Sid domain = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");

	String logonName = "alice";

	String fullName = "Alice Example";

	String domainName = "EXAMPLE";

	String server = "DC1";

	long userRid = 1104;

	long primaryGroup = 513;

	List<Long> groups = new ArrayList<>(List.of(513L, 1105L));

	List<Sid> extraSids = new ArrayList<>(List.of(Sid.parse("S-1-18-1")));

	@Nullable Sid resourceDomain;

	List<Long> resourceGroups = new ArrayList<>();

	String clientName = "alice";

	long clientId = 133_000_000_000_000_000L;

	@Nullable String upn = "alice@example.test";

	String dnsDomain = "EXAMPLE.TEST";

	boolean upnExtended = true;

	int signatureType = PacSignature.HMAC_SHA1_96_AES256;

	Map<Integer, byte[]> extraBuffers = new LinkedHashMap<>();

	byte[] build() {
		Map<Integer, byte[]> buffers = new LinkedHashMap<>();
		buffers.put(Pac.LOGON_INFO, logonInfo());
		buffers.put(Pac.CLIENT_INFO, clientInfo());
		if (this.upn != null) {
			buffers.put(Pac.UPN_DNS_INFO, upnDnsInfo());
		}
		buffers.putAll(this.extraBuffers);
		buffers.put(Pac.SERVER_CHECKSUM, signature((byte) 0x5A));
		buffers.put(Pac.PRIVSVR_CHECKSUM, signature((byte) 0xA5));
		return pac(buffers);
	}

	static byte[] pac(Map<Integer, byte[]> buffers) {
		Le out = new Le();
		out.u32(buffers.size());
		out.u32(0);
		long offset = 8 + 16L * buffers.size();
		for (Map.Entry<Integer, byte[]> buffer : buffers.entrySet()) {
			out.u32(buffer.getKey());
			out.u32(buffer.getValue().length);
			out.u64(offset);
			offset += (buffer.getValue().length + 7) & ~7;
		}
		for (byte[] data : buffers.values()) {
			out.bytes(data);
			out.align(8);
		}
		return out.toByteArray();
	}

	byte[] signature(byte fill) {
		Le out = new Le();
		out.u32(this.signatureType);
		int size = (this.signatureType == PacSignature.HMAC_MD5) ? 16 : 12;
		for (int i = 0; i < size; i++) {
			out.u8(fill);
		}
		return out.toByteArray();
	}

	byte[] clientInfo() {
		Le out = new Le();
		out.u64(this.clientId);
		byte[] name = this.clientName.getBytes(StandardCharsets.UTF_16LE);
		out.u16(name.length);
		out.bytes(name);
		return out.toByteArray();
	}

	byte[] upnDnsInfo() {
		byte[] upnBytes = String.valueOf(this.upn).getBytes(StandardCharsets.UTF_16LE);
		byte[] dns = this.dnsDomain.getBytes(StandardCharsets.UTF_16LE);
		byte[] sam = this.logonName.getBytes(StandardCharsets.UTF_16LE);
		byte[] sid = this.domain.append(this.userRid).toBytes();
		int header = this.upnExtended ? 20 : 12;
		int upnOffset = (header + 7) & ~7;
		int dnsOffset = (upnOffset + upnBytes.length + 7) & ~7;
		int samOffset = (dnsOffset + dns.length + 7) & ~7;
		int sidOffset = (samOffset + sam.length + 7) & ~7;
		Le out = new Le();
		out.u16(upnBytes.length);
		out.u16(upnOffset);
		out.u16(dns.length);
		out.u16(dnsOffset);
		out.u32(this.upnExtended ? UpnDnsInfo.EXTENDED : 0);
		if (this.upnExtended) {
			out.u16(sam.length);
			out.u16(samOffset);
			out.u16(sid.length);
			out.u16(sidOffset);
		}
		out.padTo(upnOffset);
		out.bytes(upnBytes);
		out.padTo(dnsOffset);
		out.bytes(dns);
		if (this.upnExtended) {
			out.padTo(samOffset);
			out.bytes(sam);
			out.padTo(sidOffset);
			out.bytes(sid);
		}
		return out.toByteArray();
	}

	byte[] logonInfo() {
		Le body = new Le();
		int[] referent = { 0x00020000 };
		body.u32(referent[0]);
		for (int i = 0; i < 6; i++) {
			body.u64(this.clientId + i);
		}
		String[] strings = { this.logonName, this.fullName, "", "", "", "" };
		for (String s : strings) {
			stringHeader(body, s, referent);
		}
		body.u16(7);
		body.u16(0);
		body.u32(this.userRid);
		body.u32(this.primaryGroup);
		body.u32(this.groups.size());
		body.u32(this.groups.isEmpty() ? 0 : ++referent[0]);
		long flags = (this.extraSids.isEmpty() ? 0 : 0x20) | (this.resourceGroups.isEmpty() ? 0 : 0x200);
		body.u32(flags);
		body.bytes(new byte[16]);
		stringHeader(body, this.server, referent);
		stringHeader(body, this.domainName, referent);
		body.u32(++referent[0]);
		body.u32(0);
		body.u32(0);
		body.u32(0x210);
		body.u32(0);
		body.u64(0);
		body.u64(0);
		body.u32(0);
		body.u32(0);
		body.u32(this.extraSids.size());
		body.u32(this.extraSids.isEmpty() ? 0 : ++referent[0]);
		body.u32((this.resourceDomain != null) ? ++referent[0] : 0);
		body.u32(this.resourceGroups.size());
		body.u32(this.resourceGroups.isEmpty() ? 0 : ++referent[0]);
		for (String s : strings) {
			stringBody(body, s);
		}
		groupArray(body, this.groups);
		stringBody(body, this.server);
		stringBody(body, this.domainName);
		rpcSid(body, this.domain);
		if (!this.extraSids.isEmpty()) {
			body.align(4);
			body.u32(this.extraSids.size());
			for (int i = 0; i < this.extraSids.size(); i++) {
				body.u32(++referent[0]);
				body.u32(7);
			}
			for (Sid sid : this.extraSids) {
				rpcSid(body, sid);
			}
		}
		if (this.resourceDomain != null) {
			rpcSid(body, this.resourceDomain);
		}
		groupArray(body, this.resourceGroups);
		body.align(8);
		byte[] data = body.toByteArray();
		Le out = new Le();
		out.u8(1);
		out.u8(0x10);
		out.u16(8);
		out.u32(0xCCCCCCCCL);
		out.u32(data.length);
		out.u32(0);
		out.bytes(data);
		return out.toByteArray();
	}

	private static void stringHeader(Le out, String value, int[] referent) {
		out.align(4);
		int length = value.length() * 2;
		out.u16(length);
		out.u16(length);
		out.u32(value.isEmpty() ? 0 : ++referent[0]);
	}

	private static void stringBody(Le out, String value) {
		if (value.isEmpty()) {
			return;
		}
		out.align(4);
		out.u32(value.length());
		out.u32(0);
		out.u32(value.length());
		out.bytes(value.getBytes(StandardCharsets.UTF_16LE));
	}

	private static void groupArray(Le out, List<Long> rids) {
		if (rids.isEmpty()) {
			return;
		}
		out.align(4);
		out.u32(rids.size());
		for (long rid : rids) {
			out.u32(rid);
			out.u32(7);
		}
	}

	private static void rpcSid(Le out, Sid sid) {
		out.align(4);
		byte[] bytes = sid.toBytes();
		out.u32(bytes[1]);
		out.bytes(bytes);
	}

	/** Little-endian writer; alignment relative to its own start. */
	static final class Le extends ByteArrayOutputStream {

		void u8(int value) {
			write(value);
		}

		void u16(int value) {
			write(value);
			write(value >>> 8);
		}

		void u32(long value) {
			for (int i = 0; i < 4; i++) {
				write((int) (value >>> (8 * i)));
			}
		}

		void u64(long value) {
			u32(value);
			u32(value >>> 32);
		}

		void bytes(byte[] data) {
			write(data, 0, data.length);
		}

		void align(int alignment) {
			while (size() % alignment != 0) {
				write(0);
			}
		}

		void padTo(int offset) {
			while (size() < offset) {
				write(0);
			}
		}

	}

}
