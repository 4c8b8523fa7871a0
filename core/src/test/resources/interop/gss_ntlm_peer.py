"""An NTLM peer on MIT GSSAPI + gss-ntlmssp, driven line by line over stdin/stdout.

Usage: gss_ntlm_peer.py initiate <DOMAIN\\user> <service@host> <none|integ|conf>
       gss_ntlm_peer.py accept
The user database is the file named by NTLM_USER_FILE (DOMAIN:user:password per line).

Every request line gets exactly one answer line, "OK ..." or "ERR <message>". Binary values are hex, "-" is empty.
  STEP <token>          -> OK <output token> <1 if complete else 0>
  INFO                  -> OK <peer name> <gss flags>
  WRAP <data>           -> OK <token>            (gss_wrap with confidentiality)
  UNWRAP <token>        -> OK <data>
  MIC <data>            -> OK <mic>              (gss_get_mic)
  VERIFY <data> <mic>   -> OK
  RESET                 -> OK                    (gss-ntlmssp's RC4 reset of both handles, as MIT SPNEGO does
                                                  after the mechListMIC)
  QUIT
At start it prints "READY" or "SKIP <reason>".
"""
import sys

NTLM_OID = '1.3.6.1.4.1.311.2.2.10'
RESET_CRYPTO_OID = '1.3.6.1.4.1.7165.655.1.3'


def out(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


def unhex(value):
    return b'' if value == '-' else bytes.fromhex(value)


def tohex(value):
    return value.hex() if value else '-'


def main():
    try:
        import gssapi
    except ImportError as ex:
        out('SKIP python3-gssapi is not installed: %s' % ex)
        return
    role = sys.argv[1]
    try:
        ntlm = gssapi.OID.from_int_seq(NTLM_OID)
        if ntlm not in gssapi.raw.indicate_mechs():
            out('SKIP the NTLM mechanism (gss-ntlmssp) is not registered with MIT GSSAPI')
            return
        if role == 'initiate':
            user, service, level = sys.argv[2], sys.argv[3], sys.argv[4]
            flags = [] if level == 'none' else [gssapi.RequirementFlag.integrity]
            if level == 'conf':
                flags.append(gssapi.RequirementFlag.confidentiality)
            creds = gssapi.Credentials(name=gssapi.Name(user, gssapi.NameType.user), usage='initiate',
                                       mechs=[ntlm])
            ctx = gssapi.SecurityContext(name=gssapi.Name(service, gssapi.NameType.hostbased_service),
                                         creds=creds, mech=ntlm, usage='initiate', flags=flags)
        else:
            ctx = gssapi.SecurityContext(creds=gssapi.Credentials(usage='accept', mechs=[ntlm]), usage='accept')
    except Exception as ex:
        out('SKIP cannot set up a gss-ntlmssp context: %s' % ex)
        return
    out('READY')
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command = words[0]
        try:
            if command == 'QUIT':
                out('OK')
                return
            if command == 'STEP':
                token = unhex(words[1]) if len(words) > 1 else b''
                result = ctx.step(token if token or role == 'accept' else None)
                out('OK %s %d' % (tohex(result), 1 if ctx.complete else 0))
            elif command == 'INFO':
                peer = ctx.initiator_name if role == 'accept' else ctx.target_name
                out('OK %s %d' % (str(peer).strip().strip('\x00').replace(' ', '_') or '-', int(ctx.actual_flags)))
            elif command == 'WRAP':
                out('OK ' + tohex(ctx.wrap(unhex(words[1]), True).message))
            elif command == 'UNWRAP':
                out('OK ' + tohex(ctx.unwrap(unhex(words[1])).message))
            elif command == 'MIC':
                out('OK ' + tohex(ctx.get_signature(unhex(words[1]))))
            elif command == 'RESET':
                reset = gssapi.OID.from_int_seq(RESET_CRYPTO_OID)
                gssapi.raw.set_sec_context_option(reset, context=ctx, value=b'\x00\x00\x00\x00')
                gssapi.raw.set_sec_context_option(reset, context=ctx, value=b'\x01\x00\x00\x00')
                out('OK')
            elif command == 'VERIFY':
                ctx.verify_signature(unhex(words[1]), unhex(words[2]))
                out('OK')
            else:
                out('ERR unknown command ' + command)
        except Exception as ex:
            out('ERR ' + str(ex).replace('\n', ' '))


if __name__ == '__main__':
    main()
