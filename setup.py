"""Build the optional compiled parts: the tree walk (``cleannews.html._walk``, Cython over
lxml's C API) and the line model's inference (``cleannews.text._infer``, plain C).

Everything else about the package is in ``pyproject.toml``. The extensions are optional: when
Cython, lxml's headers or a C compiler are missing, or ``CLEANNEWS_NO_COMPILE=1`` is set, the
build prints one warning and installs the pure-Python package, which does the same work
(``cleannews --version`` says which path is active).
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, ExecError, PlatformError

#: What a build without a compiler or headers raises (no compiler found, compiler failed).
BUILD_ERRORS = (CCompilerError, ExecError, PlatformError, OSError)

NO_COMPILE = "CLEANNEWS_NO_COMPILE"
WARNING = "cleannews: the compiled walk was not built ({}); the pure-Python path is installed"


def _warn(reason: str) -> None:
    if len(reason) > 160:  # a compiler command line: its start and its end say enough
        reason = f"{reason[:100]} ... {reason[-50:]}"
    print(f"WARNING: {WARNING.format(reason)}", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """build_ext that falls back to the pure-Python package when the extension cannot be
    built (no compiler, no headers). A failed extension is dropped from the build's list, so
    that an editable install does not then try to copy a library that was never made."""

    def run(self) -> None:
        try:
            super().run()
        except BUILD_ERRORS as error:
            _warn(f"{type(error).__name__}: {error}")

    def build_extensions(self) -> None:
        self._failed: dict[str, str] = {}
        super().build_extensions()
        self.extensions = [e for e in self.extensions if e.name not in self._failed]
        if self._failed:  # one warning, however many extensions failed (the first reason)
            _warn(next(iter(self._failed.values())))

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except BUILD_ERRORS as error:
            self._failed[ext.name] = f"{type(error).__name__}: {error}"


def _extensions() -> list[Extension]:
    if os.environ.get(NO_COMPILE, "") not in ("", "0"):
        _warn(f"{NO_COMPILE} is set")
        return []
    try:
        import lxml
        from Cython.Build import cythonize
        from Cython.Compiler.Errors import CompileError
    except ImportError as error:
        _warn(f"cannot import {error.name}")
        return []
    walk = Extension(
        "cleannews.html._walk",
        ["src/cleannews/html/_walk.pyx"],
        include_dirs=lxml.get_include(),
        extra_compile_args=["-O2"] if os.name == "posix" else [],
    )
    infer = Extension(
        "cleannews.text._infer",
        ["src/cleannews/text/_infer.pyx"],
        # No fused multiply-adds: the sums must round as the pure-Python path's do.
        extra_compile_args=["-O2", "-ffp-contract=off"] if os.name == "posix" else [],
    )
    try:
        return list(
            cythonize([walk, infer], compiler_directives={"language_level": "3"}, quiet=True)
        )
    except (CompileError, OSError) as error:  # a Cython that cannot translate the module
        _warn(f"{type(error).__name__}: {error}")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
