"""Counts the SQL queries of each request of the benchmark server and the time they took.

Headers ``X-Bench-Queries`` and ``X-Bench-SQL-ms``, so a slow case can be split into
database time and the rest (Python, templates).
"""

import time

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count, spent = 0, 0.0

        def counted(execute, sql, params, many, context):
            nonlocal count, spent
            count += 1
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent += time.perf_counter() - began

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        response["X-Bench-SQL-ms"] = f"{spent * 1000:.2f}"
        return response
