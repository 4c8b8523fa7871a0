#!/usr/bin/python3
# An independent [MS-NNS] NegotiateStream peer on MIT GSSAPI (python3-gssapi), optionally inside [MC-NMF] framing.
#
# Written for the Negotiate TCP interop tests (org.negotiatetcp.testsupport.PythonGssPeer). It is a test peer, not a
# product: it speaks the wire formats described in the project's wire-protocol notes and prints what it sees, one
# event per line on stdout, so tests can assert on it:
#
#   LISTENING <port>                          server socket is bound (server role)
#   CONNECTED <host> <port>                   TCP connection established
#   NMF_RECV <record> <detail>                an [MC-NMF] record read (nettcp mode)
#   NMF_SENT <record> <detail>                an [MC-NMF] record written (nettcp mode)
#   HANDSHAKE_SENT id=0x16 len=<n> hex=<...>  an NNS handshake message written (payload in hex)
#   HANDSHAKE_RECV id=0x14 version=1.0 len=<n> hex=<...>   an NNS handshake message read
#   AUTHENTICATED key=value ...               context established: mech, peer, flags
#   FRAME_SENT len=<n> plain=<n> head=<hex>   NNS data frame written: wrap token length, plaintext length and
#   FRAME_RECV len=<n> plain=<n> ...          the first 16 bytes of the token (RFC 4121 header / NTLM signature)
#   RECEIVED len=<n> hex=<hex> text=<json>    application data received (client: the echo; server: what it echoes)
#   DONE                                      session finished normally
#   ERROR <message>                           fatal error (exit code 1; 2 for usage errors)
#
# Run with /usr/bin/python3 (Debian's python3-gssapi). Environment: KRB5_CONFIG, KRB5CCNAME (client ticket cache),
# KRB5_KTNAME (server keytab), NTLM_USER_FILE (gss-ntlmssp users, "DOMAIN:user:password" per line).

import argparse
import hashlib
import json
import os
import signal
import socket
import struct
import sys

import gssapi
import gssapi.raw

KRB5 = gssapi.OID.from_int_seq("1.2.840.113554.1.2.2")
SPNEGO = gssapi.OID.from_int_seq("1.3.6.1.5.5.2")
NTLM = gssapi.OID.from_int_seq("1.3.6.1.4.1.311.2.2.10")
MECHS = {"krb5": KRB5, "spnego": SPNEGO, "ntlm": NTLM}
MECH_NAMES = {
    "1.2.840.113554.1.2.2": "krb5",
    "1.2.840.48018.1.2.2": "ms-krb5",
    "1.3.6.1.5.5.2": "spnego",
    "1.3.6.1.4.1.311.2.2.10": "ntlm",
}

HANDSHAKE_DONE = 0x14
HANDSHAKE_ERROR = 0x15
HANDSHAKE_IN_PROGRESS = 0x16
MAX_HANDSHAKE_PAYLOAD = 0xFFFF
MAX_WRITE_CHUNK = 0xFC00
MAX_READ_FRAME = 0x10000

# 8-byte big-endian HandshakeError payloads as .NET Framework / .NET Core 2.x NegoState send them.
ERROR_LOGON_DENIED = bytes.fromhex("000000008009030c")
ERROR_E_FAIL = bytes.fromhex("0000000080004005")

NMF_VERSION = 0x00
NMF_MODE = 0x01
NMF_VIA = 0x02
NMF_KNOWN_ENCODING = 0x03
NMF_SIZED_ENVELOPE = 0x06
NMF_END = 0x07
NMF_FAULT = 0x08
NMF_UPGRADE_REQUEST = 0x09
NMF_UPGRADE_RESPONSE = 0x0A
NMF_PREAMBLE_ACK = 0x0B
NMF_PREAMBLE_END = 0x0C
NEGOTIATE_UPGRADE = b"application/negotiate"
MAX_NMF_STRING = 0x10000
MAX_ENVELOPE = 0x4000000


class PeerError(Exception):
    pass


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def mech_name(oid):
    if oid is None:
        return "none"
    dotted = oid.dotted_form
    return MECH_NAMES.get(dotted, dotted)


def describe(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return "len=%d sha256=%s hex=%s text=%s" % (
        len(data), hashlib.sha256(data).hexdigest(), data.hex(), json.dumps(text))


# ---------------------------------------------------------------------------------------------------- socket helpers

def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return bytes(buf)


# ---------------------------------------------------------------------------------------------------- NNS layer

def send_handshake(sock, message_id, payload):
    if len(payload) > MAX_HANDSHAKE_PAYLOAD:
        raise PeerError("handshake payload too large: %d" % len(payload))
    sock.sendall(bytes([message_id, 1, 0]) + struct.pack(">H", len(payload)) + payload)
    out("HANDSHAKE_SENT id=0x%02x len=%d hex=%s" % (message_id, len(payload), payload.hex()))


def recv_handshake(sock):
    header = recv_exact(sock, 5)
    message_id, major, minor = header[0], header[1], header[2]
    (size,) = struct.unpack(">H", header[3:5])
    if message_id not in (HANDSHAKE_DONE, HANDSHAKE_ERROR, HANDSHAKE_IN_PROGRESS):
        raise PeerError("not an NNS handshake message: header %s" % header.hex())
    payload = recv_exact(sock, size)
    out("HANDSHAKE_RECV id=0x%02x version=%d.%d len=%d hex=%s" % (message_id, major, minor, size, payload.hex()))
    if message_id == HANDSHAKE_ERROR:
        raise PeerError("peer sent HandshakeError, payload %s" % payload.hex())
    return message_id, payload


def client_handshake(sock, ctx):
    token = ctx.step()
    while True:
        if ctx.complete:
            send_handshake(sock, HANDSHAKE_DONE, token or b"")
            message_id, payload = recv_handshake(sock)
            if message_id != HANDSHAKE_DONE:
                raise PeerError("expected HandshakeDone after our final token, got 0x%02x" % message_id)
            return
        send_handshake(sock, HANDSHAKE_IN_PROGRESS, token or b"")
        message_id, payload = recv_handshake(sock)
        token = ctx.step(payload)
        if message_id == HANDSHAKE_DONE:
            if not ctx.complete:
                raise PeerError("server sent HandshakeDone but our context is not complete")
            if token:
                raise PeerError("context complete with an unsent token of %d bytes" % len(token))
            return


def server_handshake(sock, ctx, fail_payload):
    while True:
        message_id, payload = recv_handshake(sock)
        if fail_payload is not None:
            send_handshake(sock, HANDSHAKE_ERROR, fail_payload)
            raise PeerError("handshake rejected on request (--fail-handshake)")
        try:
            token = ctx.step(payload)
        except gssapi.exceptions.GSSError as ex:
            send_handshake(sock, HANDSHAKE_ERROR, ERROR_LOGON_DENIED)
            raise PeerError("accept_sec_context failed: %s" % ex)
        if ctx.complete:
            send_handshake(sock, HANDSHAKE_DONE, token or b"")
            return
        if message_id == HANDSHAKE_DONE:
            send_handshake(sock, HANDSHAKE_ERROR, ERROR_E_FAIL)
            raise PeerError("client sent HandshakeDone but our context is not complete")
        send_handshake(sock, HANDSHAKE_IN_PROGRESS, token or b"")


class NnsStream:
    """Byte stream over NNS data frames (or raw socket bytes when protection is none)."""

    def __init__(self, sock, ctx, protection):
        self.sock = sock
        self.ctx = ctx
        self.protection = protection
        self.buffer = bytearray()
        self.eof = False

    def write(self, data):
        if not data:
            return
        if self.protection == "none":
            self.sock.sendall(data)
            return
        for offset in range(0, len(data), MAX_WRITE_CHUNK):
            chunk = data[offset:offset + MAX_WRITE_CHUNK]
            token = self.ctx.wrap(chunk, self.protection == "encrypt").message
            self.sock.sendall(struct.pack("<I", len(token)) + token)
            out("FRAME_SENT len=%d plain=%d head=%s" % (len(token), len(chunk), token[:16].hex()))

    def read_frame(self):
        """Reads one frame (or one recv() in protection none); returns b'' at a clean end of stream."""
        if self.protection == "none":
            return self.sock.recv(65536)
        header = b""
        while len(header) < 4:
            chunk = self.sock.recv(4 - len(header))
            if not chunk:
                if header:
                    raise PeerError("connection closed inside a frame header")
                return b""
            header += chunk
        (size,) = struct.unpack("<I", header)
        if size < 1 or size > MAX_READ_FRAME:
            raise PeerError("invalid NNS frame size %d" % size)
        token = recv_exact(self.sock, size)
        result = self.ctx.unwrap(token)
        if self.protection == "encrypt" and not result.encrypted:
            raise PeerError("received a frame without confidentiality while EncryptAndSign was negotiated")
        out("FRAME_RECV len=%d plain=%d encrypted=%s head=%s" % (
            size, len(result.message), str(result.encrypted).lower(), token[:16].hex()))
        return result.message

    def read_exact(self, n):
        while len(self.buffer) < n:
            data = self.read_frame()
            if not data:
                raise EOFError("stream ended after %d of %d bytes" % (len(self.buffer), n))
            self.buffer += data
        result = bytes(self.buffer[:n])
        del self.buffer[:n]
        return result

    def read_some(self):
        if self.buffer:
            result = bytes(self.buffer)
            self.buffer.clear()
            return result
        return self.read_frame()


# ---------------------------------------------------------------------------------------------------- NMF layer

def encode_mbint(value):
    result = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            result.append(byte | 0x80)
        else:
            result.append(byte)
            return bytes(result)


def read_mbint(read_byte):
    value = 0
    for index in range(5):
        byte = read_byte()
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            if value > 0x7FFFFFFF:
                break
            return value
    raise PeerError("invalid multi-byte int31")


def client_preamble(sock, via):
    via_bytes = via.encode("utf-8")
    sock.sendall(bytes([NMF_VERSION, 1, 0, NMF_MODE, 2, NMF_VIA]) + encode_mbint(len(via_bytes)) + via_bytes
                 + bytes([NMF_KNOWN_ENCODING, 8]))
    out("NMF_SENT preamble via=%s encoding=0x08" % via)
    sock.sendall(bytes([NMF_UPGRADE_REQUEST]) + encode_mbint(len(NEGOTIATE_UPGRADE)) + NEGOTIATE_UPGRADE)
    out("NMF_SENT upgrade_request %s" % NEGOTIATE_UPGRADE.decode())
    response = recv_exact(sock, 1)[0]
    out("NMF_RECV upgrade_response 0x%02x" % response)
    if response != NMF_UPGRADE_RESPONSE:
        raise PeerError("expected UpgradeResponse 0x0a, got 0x%02x" % response)


def server_preamble(sock):
    def read_byte():
        return recv_exact(sock, 1)[0]

    def read_string():
        size = read_mbint(read_byte)
        if size > MAX_NMF_STRING:
            raise PeerError("NMF string too long: %d" % size)
        return recv_exact(sock, size).decode("utf-8")

    version = recv_exact(sock, 3)
    if version[0] != NMF_VERSION:
        raise PeerError("expected Version record, got %s" % version.hex())
    out("NMF_RECV version %d.%d" % (version[1], version[2]))
    mode = recv_exact(sock, 2)
    if mode[0] != NMF_MODE:
        raise PeerError("expected Mode record, got %s" % mode.hex())
    out("NMF_RECV mode 0x%02x" % mode[1])
    if read_byte() != NMF_VIA:
        raise PeerError("expected Via record")
    out("NMF_RECV via %s" % read_string())
    record = read_byte()
    if record != NMF_KNOWN_ENCODING:
        raise PeerError("expected KnownEncoding record, got 0x%02x" % record)
    out("NMF_RECV known_encoding 0x%02x" % read_byte())
    record = read_byte()
    if record != NMF_UPGRADE_REQUEST:
        raise PeerError("expected UpgradeRequest record, got 0x%02x" % record)
    upgrade = read_string()
    out("NMF_RECV upgrade_request %s" % upgrade)
    if upgrade != NEGOTIATE_UPGRADE.decode():
        raise PeerError("unsupported upgrade %r" % upgrade)
    sock.sendall(bytes([NMF_UPGRADE_RESPONSE]))
    out("NMF_SENT upgrade_response 0x0a")


def read_record_byte(stream):
    return stream.read_exact(1)[0]


# ---------------------------------------------------------------------------------------------------- sessions

def flags_text(ctx):
    flags = ctx.actual_flags
    names = [("mutual", gssapi.RequirementFlag.mutual_authentication),
             ("conf", gssapi.RequirementFlag.confidentiality),
             ("integ", gssapi.RequirementFlag.integrity),
             ("deleg", gssapi.RequirementFlag.delegate_to_peer),
             ("replay", gssapi.RequirementFlag.replay_detection),
             ("sequence", gssapi.RequirementFlag.out_of_sequence_detection),
             ("identify", gssapi.RequirementFlag.identify)]
    return " ".join("%s=%s" % (name, str(flag in flags).lower()) for name, flag in names)


def report_authenticated(ctx, args):
    try:
        mech = ctx.mech
    except gssapi.exceptions.GSSError:
        mech = None
    peer = ctx.initiator_name if args.role == "server" else ctx.target_name
    if args.role == "client":
        local = ctx.initiator_name
    elif mech_name(mech) == "ntlm":
        # gss-ntlmssp 1.2.0 crashes (SIGSEGV) when an acceptor context is asked for its target name.
        local = "(not available for an ntlm acceptor)"
    else:
        local = ctx.target_name
    line = "AUTHENTICATED role=%s requested=%s mech=%s peer=%s local=%s %s" % (
        args.role, args.mech, mech_name(mech), json.dumps(str(peer).rstrip("\0")), json.dumps(str(local).rstrip("\0")), flags_text(ctx))
    if args.role == "server":
        delegated = ctx.delegated_creds
        line += " delegated=%s" % (json.dumps(str(delegated.name)) if delegated is not None else "null")
    out(line)


def messages_from(args):
    messages = []
    for kind, value in args.messages:
        if kind == "text":
            messages.append(value.encode("utf-8"))
        elif kind == "hex":
            messages.append(bytes.fromhex(value))
        else:
            messages.append(bytes(i % 251 for i in range(int(value))))
    if args.stdin:
        for line in sys.stdin:
            line = line.rstrip("\n")
            if line:
                messages.append(line.encode("utf-8"))
    return messages


def client_data_raw(stream, messages):
    for message in messages:
        stream.write(message)
        echo = stream.read_exact(len(message))
        out("RECEIVED " + describe(echo))
        if echo != message:
            raise PeerError("echo differs from what was sent")


def server_data_raw(stream):
    while True:
        data = stream.read_some()
        if not data:
            return
        out("RECEIVED " + describe(data))
        stream.write(data)


def read_envelope(stream):
    size = read_mbint(lambda: read_record_byte(stream))
    if size > MAX_ENVELOPE:
        raise PeerError("SizedEnvelope too large: %d" % size)
    return stream.read_exact(size)


def client_data_nettcp(stream, messages):
    stream.write(bytes([NMF_PREAMBLE_END]))
    out("NMF_SENT preamble_end")
    ack = read_record_byte(stream)
    out("NMF_RECV preamble_ack 0x%02x" % ack)
    if ack != NMF_PREAMBLE_ACK:
        raise PeerError("expected PreambleAck 0x0b, got 0x%02x" % ack)
    for message in messages:
        stream.write(bytes([NMF_SIZED_ENVELOPE]) + encode_mbint(len(message)) + message)
        out("NMF_SENT sized_envelope %d" % len(message))
        record = read_record_byte(stream)
        if record != NMF_SIZED_ENVELOPE:
            raise PeerError("expected SizedEnvelope 0x06, got 0x%02x" % record)
        echo = read_envelope(stream)
        out("RECEIVED " + describe(echo))
        if echo != message:
            raise PeerError("echo differs from what was sent")
    stream.write(bytes([NMF_END]))
    out("NMF_SENT end")
    record = read_record_byte(stream)
    out("NMF_RECV end 0x%02x" % record)
    if record != NMF_END:
        raise PeerError("expected End 0x07, got 0x%02x" % record)


def server_data_nettcp(stream):
    record = read_record_byte(stream)
    out("NMF_RECV preamble_end 0x%02x" % record)
    if record != NMF_PREAMBLE_END:
        raise PeerError("expected PreambleEnd 0x0c, got 0x%02x" % record)
    stream.write(bytes([NMF_PREAMBLE_ACK]))
    out("NMF_SENT preamble_ack")
    while True:
        record = read_record_byte(stream)
        if record == NMF_END:
            out("NMF_RECV end 0x07")
            stream.write(bytes([NMF_END]))
            out("NMF_SENT end")
            return
        if record != NMF_SIZED_ENVELOPE:
            raise PeerError("expected SizedEnvelope or End, got 0x%02x" % record)
        envelope = read_envelope(stream)
        out("RECEIVED " + describe(envelope))
        stream.write(bytes([NMF_SIZED_ENVELOPE]) + encode_mbint(len(envelope)) + envelope)
        out("NMF_SENT sized_envelope %d" % len(envelope))


def requested_flags(args):
    flags = [gssapi.RequirementFlag.out_of_sequence_detection, gssapi.RequirementFlag.replay_detection]
    if args.protection in ("sign", "encrypt"):
        flags.append(gssapi.RequirementFlag.integrity)
    if args.protection == "encrypt":
        flags.append(gssapi.RequirementFlag.confidentiality)
    if args.mutual:
        flags.append(gssapi.RequirementFlag.mutual_authentication)
    if args.delegate:
        flags.append(gssapi.RequirementFlag.delegate_to_peer)
    if args.identify:
        flags.append(gssapi.RequirementFlag.identify)
    return flags


def client_credentials(args, mech):
    if args.user is None:
        return None
    name_type = gssapi.NameType.user if args.mech == "ntlm" or "\\" in args.user else gssapi.NameType.kerberos_principal
    name = gssapi.Name(args.user, name_type)
    if args.password is not None:
        return gssapi.Credentials(
            gssapi.raw.acquire_cred_with_password(name, args.password.encode("utf-8"), usage="initiate",
                                                  mechs=[mech]).creds)
    return gssapi.Credentials(name=name, usage="initiate", mechs=[mech])


def target_name(args):
    if "/" in args.target:
        return gssapi.Name(args.target, gssapi.NameType.kerberos_principal)
    return gssapi.Name(args.target, gssapi.NameType.hostbased_service)


def run_client(args):
    mech = MECHS[args.mech]
    messages = messages_from(args)
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    out("CONNECTED %s %d" % (args.host, args.port))
    with sock:
        if args.mode == "nettcp":
            client_preamble(sock, args.via or "net.tcp://%s:%d/" % (args.host, args.port))
        ctx = gssapi.SecurityContext(name=target_name(args), creds=client_credentials(args, mech), mech=mech,
                                     flags=requested_flags(args), usage="initiate")
        client_handshake(sock, ctx)
        report_authenticated(ctx, args)
        stream = NnsStream(sock, ctx, args.protection)
        if args.mode == "nettcp":
            client_data_nettcp(stream, messages)
        else:
            client_data_raw(stream, messages)
    out("DONE")


def server_credentials(args, mech):
    return gssapi.Credentials(usage="accept", mechs=[mech])


def run_server(args):
    mech = MECHS[args.mech]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(8)
    listener.settimeout(None if args.connections == 0 else args.timeout)
    out("LISTENING %d" % listener.getsockname()[1])
    served = 0
    failures = 0
    while args.connections == 0 or served < args.connections:
        sock, address = listener.accept()
        served += 1
        out("CONNECTED %s %d" % address)
        sock.settimeout(args.timeout)
        try:
            with sock:
                serve_connection(sock, args, mech)
            out("DONE")
        except (PeerError, EOFError, OSError, gssapi.exceptions.GSSError) as ex:
            failures += 1
            out("ERROR %s" % ex)
    listener.close()
    return 1 if failures else 0


def serve_connection(sock, args, mech):
    if args.mode == "nettcp":
        server_preamble(sock)
    ctx = gssapi.SecurityContext(creds=server_credentials(args, mech), usage="accept")
    fail_payload = bytes.fromhex(args.fail_handshake) if args.fail_handshake is not None else None
    server_handshake(sock, ctx, fail_payload)
    report_authenticated(ctx, args)
    stream = NnsStream(sock, ctx, args.protection)
    if args.mode == "nettcp":
        server_data_nettcp(stream)
    else:
        server_data_raw(stream)


class AppendMessage(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        kind = {"--message": "text", "--hex-message": "hex", "--pattern-message": "pattern"}[option_string]
        namespace.messages.append((kind, values))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="MS-NNS / MC-NMF interop peer on MIT GSSAPI")
    parser.add_argument("--role", choices=["client", "server"], required=True)
    parser.add_argument("--mech", choices=sorted(MECHS), default="krb5")
    parser.add_argument("--mode", choices=["raw", "nettcp"], default="raw")
    parser.add_argument("--protection", choices=["none", "sign", "encrypt"], default="encrypt")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--target", default="host@localhost",
                        help="client: service@host (host-based) or a Kerberos principal containing '/'")
    parser.add_argument("--via", help="client nettcp: Via URI (default net.tcp://host:port/)")
    parser.add_argument("--user", help="client: principal or DOMAIN\\user; default: the default credential")
    parser.add_argument("--password", help="client: acquire credentials with this password")
    parser.add_argument("--no-mutual", dest="mutual", action="store_false")
    parser.add_argument("--delegate", action="store_true")
    parser.add_argument("--identify", action="store_true")
    parser.add_argument("--message", action=AppendMessage, dest="messages", default=[])
    parser.add_argument("--hex-message", action=AppendMessage, dest="messages")
    parser.add_argument("--pattern-message", action=AppendMessage, dest="messages", metavar="LENGTH")
    parser.add_argument("--stdin", action="store_true", help="client: also send each non-empty stdin line")
    parser.add_argument("--connections", type=int, default=1, help="server: connections to serve, 0 = forever")
    parser.add_argument("--fail-handshake", metavar="HEX", help="server: answer the first token with 0x15 + HEX")
    parser.add_argument("--timeout", type=float, default=30.0)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGALRM, lambda *_: (out("ERROR overall timeout"), os._exit(3)))
    if args.role == "client" or args.connections > 0:
        signal.alarm(int(args.timeout * 4) + 1)
    try:
        if args.role == "server":
            return run_server(args)
        run_client(args)
        return 0
    except (PeerError, EOFError, OSError, gssapi.exceptions.GSSError) as ex:
        out("ERROR %s: %s" % (type(ex).__name__, ex))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
