"""Russian messages for argparse's own errors and help headings.

argparse looks its messages up through ``gettext`` at call time; the
standard library ships no Russian catalogue for them, so this module maps
the English templates of Python 3.11–3.13 to Russian ones. An unknown
template falls back to English.
"""

from __future__ import annotations

import argparse

_MESSAGES = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "недопустимое значение %(value)r (возможные: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r",
    "expected one argument": "ожидается одно значение",
    "expected at most one argument": "ожидается не больше одного значения",
    "expected at least one argument": "ожидается хотя бы одно значение",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "неоднозначный параметр %(option)s: подходят %(matches)s",
    "ignored explicit argument %r": "лишнее значение %r",
    "one of the arguments %s is required": "нужно указать один из аргументов: %s",
    "subcommands": "команды",
    "argument \"-\" with mode %r": "аргумент «-» в режиме %r",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
}

_PLURALS = {
    "expected %s argument": "ожидается значений: %s",
    "expected %s arguments": "ожидается значений: %s",
}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _PLURALS.get(singular if count == 1 else plural, singular if count == 1 else plural)


def install() -> None:
    """Make argparse print its messages in Russian."""
    argparse._ = _gettext
    argparse.ngettext = _ngettext


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line: the problem and where the help is, without the usage block."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: ошибка: {message} (справка: {self.prog} --help)\n")

    def parse_args(self, args=None, namespace=None):
        # argparse reports unknown arguments from the top-level parser, whose
        # help does not list the subcommand's options; point to the subcommand's.
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            parser = _chosen_subparser(self, namespace)
            parser.error(_gettext("unrecognized arguments: %s") % " ".join(extras))
        return namespace


def _chosen_subparser(parser: argparse.ArgumentParser, namespace: argparse.Namespace) -> argparse.ArgumentParser:
    """Return the innermost subcommand's parser chosen in ``namespace``, or ``parser`` without a subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            name = getattr(namespace, action.dest, None)
            if name in action.choices:
                return _chosen_subparser(action.choices[name], namespace)
    return parser
