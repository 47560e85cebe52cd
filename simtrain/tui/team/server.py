"""Team terminals and control-cell seats in a browser: textual-serve, behind join codes.

textual-serve's :class:`~textual_serve.server.Server` serves one command to anyone who asks, at
``/`` and ``/ws``. A training room needs the opposite: each team reaches only its own terminal,
each evaluator and actor only their own seat, and a stranger on the room's network reaches
nothing. So this subclass replaces its routes; every path lives under ``/K/CODE/``, where ``K``
is the kind of seat (``t`` a team, ``e`` an evaluator, ``a`` an actor, :mod:`join`) and the code
picks the one seat of that kind:

* ``GET /K/CODE[?role=R]``: the page (our template: no outside fonts, our words);
* ``GET /K/CODE/ws[/ROLE]``: the websocket; each connection starts ``simtrain team SESSION --team
  T`` (``simtrain evaluate``, ``simtrain cues``) as its own process, exactly as textual-serve's
  :class:`AppService` runs any command;
* ``GET /K/CODE/static/...``: textual-serve's terminal script, styles and fonts.

Anything else, any unknown code, and a code of another kind (a team's code on an evaluator's
path) is a 404 with an empty body: nothing of the app, not even its script. Codes are random
(about 50 bits), compared in constant time, kept beside the session (``SESSION.join.json``,
readable by its owner only) so links survive a restart of the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import logging
import shlex
import socket
import string
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from simtrain.i18n import Translator
from simtrain.sanitize import visible
from simtrain.tui.team.join import (
    KINDS,
    PATHS,
    JoinTarget,
    Kind,
    Misses,
)

MAX_PER_TEAM = 8
"""Browser tabs a team (or a seat) may have open at once; each one is a process on the
facilitator's laptop."""

MISSES_ALLOWED = 20
"""Wrong codes one address may try within :data:`MISS_WINDOW` before its wrong codes slow down."""
MISS_WINDOW = 60.0
"""Seconds a wrong code counts against its address."""
MISS_DELAY = 2.0
"""Seconds an address past :data:`MISSES_ALLOWED` waits for each further wrong code's 404. A right
code is never delayed nor refused: a room behind one address (a NAT, a proxy, the facilitator's
own laptop) is not locked out because one trainee mistyped a link (S26)."""

_PAGE = Path(__file__).with_name("page.html")

log = logging.getLogger("simtrain.serve")


class _TeamProcess(AppService):
    """textual-serve's process runner, which also closes the browser's socket when the team
    terminal ends by itself (its session gone, an error): the tab says so and frees its slot,
    instead of waiting at "Connecting..." for a process that is no more (S18)."""

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            await self.remote_close()
            await self._reap()

    async def _reap(self) -> None:
        """Wait for the ended process (no zombie left per closed tab); kill one that lingers."""
        process = getattr(self, "_process", None)  # textual-serve keeps it there; else nothing
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), 5)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class TeamServer(Server):
    """textual-serve with its routes replaced by join-coded ones (see the module's docstring)."""

    def __init__(
        self,
        session_path: Path,
        targets: Mapping[str, JoinTarget],
        t: Translator,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        content_lang: str | None = None,
        python: str = sys.executable,
        clock: Callable[[], float] = time.monotonic,
        miss_delay: float = MISS_DELAY,
    ) -> None:
        super().__init__(command="simtrain team", host=host, port=port, title="simtrain")
        self.session_path = session_path.resolve()
        self.targets = dict(targets)
        """Join code -> what it opens."""
        self.t = t
        self.content_lang = content_lang
        self.python = python
        self.open: dict[str, int] = {}
        self.misses = Misses(clock, MISSES_ALLOWED, MISS_WINDOW)
        self.miss_delay = miss_delay
        import textual_serve

        self.static_root = (Path(textual_serve.__file__).parent / "static").resolve()

    # --- which team is asking ---------------------------------------------------------------

    async def target_for(self, request: web.Request) -> JoinTarget:
        """What a request's code opens among the seats of its path's kind, in constant time per
        code; a 404 for anything else (a team's code on an evaluator's path too), slowed down for
        an address that keeps guessing. A right code always opens."""
        kind: Kind | None = KINDS.get(request.match_info.get("kind", ""))
        code = request.match_info.get("code", "").encode("utf-8", "replace")
        found: JoinTarget | None = None
        for known, target in self.targets.items():
            if hmac.compare_digest(known.encode(), code) and target.kind == kind:
                found = target
        if found is not None:
            return found
        address = request.remote or ""
        guessing = self.misses.blocked(address)
        self.misses.miss(address)
        if guessing:  # a scan crawls; codes are one in 2**49 anyway
            await asyncio.sleep(self.miss_delay)
        raise web.HTTPNotFound()

    def session_gone(self) -> bool:
        return not self.session_path.is_file()

    def role_for(self, target: JoinTarget, role: str | None) -> str | None:
        if role in (None, ""):
            return None
        if role not in target.roles:
            raise web.HTTPNotFound()
        return role

    def command_for(self, target: JoinTarget, role: str | None) -> str:
        """The team terminal (evaluator's, actor's seat) a join code opens; every part quoted,
        nothing from the request but ids the session already knows."""
        argv = [self.python, "-m", "simtrain"]
        session = str(self.session_path)
        if target.kind == "evaluator":
            teams = ["--all-teams"] if target.all_teams else []
            for team in target.teams:
                teams += ["--team", team]
            argv += ["evaluate", session, *teams, "--name", target.seat]
        elif target.kind == "actor":
            argv += ["cues", session, "--character", target.seat]
        else:
            argv += ["team", session, "--team", target.team]
        argv += ["--ui-lang", self.t.lang]
        if role:
            argv += ["--role", role]
        if self.content_lang:
            argv += ["--lang", self.content_lang]
        return shlex.join(argv)

    # --- the web application -----------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[_blank_errors])
        kind = "{kind:[" + "".join(PATHS.values()) + "]}"
        app.add_routes(
            [
                web.get(f"/{kind}/{{code}}", self.handle_index),
                web.get(f"/{kind}/{{code}}/ws", self.handle_websocket),
                web.get(f"/{kind}/{{code}}/ws/{{role}}", self.handle_websocket),
                web.get(f"/{kind}/{{code}}/static/{{path:.+}}", self.handle_static),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        target = await self.target_for(request)
        role = self.role_for(target, request.query.get("role"))
        if self.session_gone():
            return self._gone_page(target)
        base = f"/{PATHS[target.kind]}/{request.match_info['code']}"
        scheme = "wss" if request.secure else "ws"
        websocket = f"{scheme}://{request.host}{base}/ws" + (f"/{role}" if role else "")
        t = self.t
        values = {
            "lang": t.lang,
            "title": self._title(target),
            "static": f"{base}/static",
            "connecting": self._connecting(target),
            "closed": t("serve.closed"),
            "reconnect": t("serve.reconnect"),
            "websocket": websocket,
            "font_size": str(_int(request.query.get("fontsize"), 16, 8, 40)),
        }
        page = string.Template(_PAGE.read_text(encoding="utf-8")).safe_substitute(
            {key: html.escape(value, quote=True) for key, value in values.items()}
        )
        return web.Response(text=page, content_type="text/html", headers=_PRIVATE)

    def _title(self, target: JoinTarget) -> str:
        if target.kind == "team":
            return self.t("serve.page_title", team=target.name)
        return self.t(f"serve_seats.{target.kind}_title", name=target.name)

    def _connecting(self, target: JoinTarget) -> str:
        if target.kind == "team":
            return self.t("serve.connecting", team=target.name)
        return self.t(f"serve_seats.{target.kind}_connecting", name=target.name)

    def _gone_page(self, target: JoinTarget) -> web.Response:
        """The page for a code whose session file is gone: it says so (410), it does not try to
        connect."""
        title = html.escape(self._title(target), quote=True)
        gone = html.escape(self.t("serve.gone"), quote=True)
        page = (
            f'<!DOCTYPE html>\n<html lang="{html.escape(self.t.lang)}"><head><meta charset="utf-8">'
            f'<meta name="referrer" content="no-referrer"><title>{title}</title></head>'
            '<body style="background:#0c181f;color:#eee;font-family:monospace;font-size:18px;'
            f'display:flex;align-items:center;justify-content:center;height:95vh">'
            f'<p class="gone">{gone}</p></body></html>\n'
        )
        return web.Response(status=410, text=page, content_type="text/html", headers=_PRIVATE)

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        await self.target_for(request)
        wanted = (self.static_root / request.match_info["path"]).resolve()
        if not wanted.is_relative_to(self.static_root) or not wanted.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(wanted, headers={"Cache-Control": "private, max-age=3600"})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's own handler, with the command chosen by the code, and a cap."""
        target = await self.target_for(request)
        role = self.role_for(target, request.match_info.get("role"))
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:  # a plain GET, no Upgrade: a 400, quietly (S17)
            raise web.HTTPBadRequest()
        if self.session_gone():
            raise web.HTTPGone(text=self.t("serve.gone"))
        if self.open.get(target.key, 0) >= MAX_PER_TEAM:
            full = "serve.full" if target.kind == "team" else "serve_seats.full"
            raise web.HTTPServiceUnavailable(text=self.t(full))
        width = _int(request.query.get("width"), 80, 20, 500)
        height = _int(request.query.get("height"), 24, 5, 200)
        self.open[target.key] = self.open.get(target.key, 0) + 1
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = _TeamProcess(
                self.command_for(target, role),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=False,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble must not stop the other teams
            log.warning("%s: %s", target.key, visible(str(error), multiline=False))
        finally:
            self.open[target.key] -= 1
            if service is not None:
                await service.stop()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo and the command here; the command line prints links."""

    def serve_on(self, sock: socket.socket) -> None:
        """Run until Ctrl+C on a socket the command line already bound (so a busy port is one
        clear line before anything is printed), without an access log: the URLs hold codes."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        web.run_app(self._make_app(), sock=sock, print=None, access_log=None)


_PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(low, min(high, number))


@web.middleware
async def _blank_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """A refused request learns nothing: no page, no script, no aiohttp banner, only a status."""
    try:
        return await handler(request)
    except (web.HTTPServiceUnavailable, web.HTTPGone) as error:
        return web.Response(status=error.status, text=error.text or "", headers=_PRIVATE)
    except web.HTTPException as error:
        if error.status >= 400:
            status = error.status if error.status in (400, 405) else 404
            return web.Response(status=status, headers=_PRIVATE)
        raise


def lan_address() -> str:
    """This computer's address on the room's network, for links when listening on all
    interfaces. A UDP "connect" sends nothing; it only asks the OS which interface it would use."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.254.254.254", 9))
        address = str(probe.getsockname()[0])
        if not address.startswith("0."):
            return address
    with contextlib.suppress(OSError):
        return socket.gethostbyname(socket.gethostname())
    return "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; raises OSError (a busy port, an address not on this computer)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def public_host(host: str) -> str:
    """The host to put in links: the LAN address for "all interfaces", else what was given."""
    if host in ("0.0.0.0", "::", ""):
        return lan_address()
    return f"[{host}]" if ":" in host else host
