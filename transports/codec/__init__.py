"""Codecs for composing and showing bytes: escapes, hex strings, encodings, hex dumps."""
