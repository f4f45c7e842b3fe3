"""Library: SQLite store of sources and passages, jieba index, search, keywords, related passages."""
