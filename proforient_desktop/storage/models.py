"""SQLAlchemy models of the local database.

Only portable types and constraints are used, because the regional instance
also runs on PostgreSQL. Times are stored in UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let Alembic's batch mode on SQLite find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Municipality(Base):
    """A municipality of the region: the directory's territorial unit.

    Seeded from the catalogue; the region may rename it or change its kind.
    """

    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))


class Organisation(Base):
    """A school, college, municipal education authority or the region.

    ``code`` is the organisation's official code and identifies it across
    installations. ``municipality_code`` is the territory it belongs to, which
    decides the municipal authority a school reports to; ``parent`` is that
    authority's (or the region's) organisation once this installation knows it.
    """

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"), index=True)
    closed_from_year: Mapped[int | None] = mapped_column(Integer)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    source_package_id: Mapped[int | None] = mapped_column(
        ForeignKey("received_package.id", use_alter=True, name="fk_organisation_source_package")
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    parent: Mapped[Organisation | None] = relationship(remote_side=[id])


class CountValue(Base):
    """One reported count of an organisation for a reporting year.

    A count that was not reported has no row; zero is stored as 0.
    """

    __tablename__ = "count_value"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year", "count_code", name="uq_count_value_org_year_code"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    count_code: Mapped[str] = mapped_column(String(64))
    value: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="entry")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class Activity(Base):
    """A career-guidance activity held, recorded against a measure of section 5."""

    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("participants_sen >= 0 AND participants_sen <= participants_total",
                        name="participants_sen_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    measure_code: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(100), default="")
    participants_total: Mapped[int] = mapped_column(Integer)
    participants_sen: Mapped[int] = mapped_column(Integer, default=0)
    grade_band: Mapped[str] = mapped_column(String(50), default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    publication_url: Mapped[str] = mapped_column(String(1000), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class ReceivedPackage(Base):
    """A package accepted from a lower level, kept byte for byte."""

    __tablename__ = "received_package"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    signer_fingerprint: Mapped[str] = mapped_column(String(128))
    format_version: Mapped[int] = mapped_column(Integer)
    catalog_version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(500))
    sender_created_at: Mapped[str] = mapped_column(String(40), default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)


class TrustedKey(Base):
    """A public key the operator accepted for an organisation."""

    __tablename__ = "trusted_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(128), index=True)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    registered_via: Mapped[str] = mapped_column(String(40))
    vouched_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    retired_reason: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """One change to the data: who, when, what, and where it came from."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    operator: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(50))
    organisation_code: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """An installation setting, such as its role and organisation code."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TargetValue(Base):
    """A target for a year after the programme's own, set by the region.

    These are merged over the catalogue's targets. ``source`` is «entry» where
    the region typed it and «update» where a signed catalogue update from
    ``issuer_code`` brought it.
    """

    __tablename__ = "target_value"
    __table_args__ = (
        UniqueConstraint("indicator_code", "year", name="uq_target_value_indicator_year"),
        CheckConstraint("value >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_code: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(20), default="entry")
    issuer_code: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class PlausibilityMark(Base):
    """An operator's mark that a plausibility warning was checked, with a comment.

    Marks are keyed by organisation code, because they travel in packages.
    ``marked_by_code`` is the organisation whose operator set the mark.
    """

    __tablename__ = "plausibility_mark"
    __table_args__ = (
        UniqueConstraint("organisation_code", "year", "warning_key", name="uq_plausibility_mark_org_year_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_code: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    warning_key: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(String(200), default="")
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    marked_by_code: Mapped[str] = mapped_column(String(64), default="")


# Consolidation reads one year's counts of every organisation; this index
# covers that query, so the database reads only the year's rows, in
# organisation order, without touching the table.
Index("ix_count_value_year_organisation", CountValue.year, CountValue.organisation_id, CountValue.count_code,
      CountValue.value)
