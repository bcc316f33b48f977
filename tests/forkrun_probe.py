"""What a process's start-up set up, as JSON: run forked and exec'd by tests/test_forkrun.py."""

import json
import os
import sys

streams = {
    name: {
        "encoding": stream.encoding,
        "errors": stream.errors,
        "line_buffering": stream.line_buffering,
        "write_through": stream.write_through,
        "buffer": type(stream.buffer).__name__,
        "fileno": stream.fileno(),
    }
    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
}
print(
    json.dumps(
        {
            "streams": streams,
            "dont_write_bytecode": sys.dont_write_bytecode,
            "path0_is_cwd": sys.path[0] == os.getcwd(),
            "argv": sys.argv[1:],
            "argv0": os.path.basename(sys.argv[0]),
            "name": __name__,
            "cwd": os.getcwd(),
            "env": os.environ.get("PROBE_VALUE"),
        }
    )
)
