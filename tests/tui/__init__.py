"""Tests of the Textual application, driven through Pilot on copies of the sample."""
