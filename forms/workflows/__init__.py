"""Work over many drafts or from one to another: rollover and duplicate, the unit profile, the
folder summary and typing suggestions. May import every other forms package.
"""
